import { describe, expect, it } from 'vitest';
import { tokenizeCommandText } from '../../src/slack/parse/mentions.js';

describe('tokenizeCommandText', () => {
  it.each([
    ['<@U123>', { kind: 'user', id: 'U123' }],
    ['<@U123|anna>', { kind: 'user', id: 'U123', label: 'anna' }],
    ['<@W0ENTERPRISE|anna>', { kind: 'user', id: 'W0ENTERPRISE', label: 'anna' }],
    ['<#C123>', { kind: 'channel', id: 'C123' }],
    ['<#C123|team>', { kind: 'channel', id: 'C123', label: 'team' }],
    ['<#G0PRIVATE|secret>', { kind: 'channel', id: 'G0PRIVATE', label: 'secret' }],
    ['<!subteam^S123>', { kind: 'usergroup', id: 'S123' }],
    ['<!subteam^S123|@pmm>', { kind: 'usergroup', id: 'S123', label: '@pmm' }],
    ['<!here>', { kind: 'special', name: 'here' }],
    ['<!channel>', { kind: 'special', name: 'channel' }],
    ['<!everyone>', { kind: 'special', name: 'everyone' }],
    ['<https://example.com/a?b=1&amp;c=2>', { kind: 'link', url: 'https://example.com/a?b=1&c=2' }],
    [
      '<mailto:anna@example.com|anna@example.com>',
      { kind: 'link', url: 'mailto:anna@example.com', label: 'anna@example.com' },
    ],
  ])('reads %s', (text, token) => {
    expect(tokenizeCommandText(text)).toEqual([token]);
  });

  it('splits a whole command into words and tokens, whatever the spacing', () => {
    expect(tokenizeCommandText('  round <#C1|team>\t5d  <@U1|anna> <!subteam^S1|@pmm>anonymous ')).toEqual([
      { kind: 'word', text: 'round' },
      { kind: 'channel', id: 'C1', label: 'team' },
      { kind: 'word', text: '5d' },
      { kind: 'user', id: 'U1', label: 'anna' },
      { kind: 'usergroup', id: 'S1', label: '@pmm' },
      { kind: 'word', text: 'anonymous' },
    ]);
  });

  it('keeps plain @names and #names as words: Slack sends them so when it could not link them', () => {
    expect(tokenizeCommandText('@anna #team')).toEqual([
      { kind: 'word', text: '@anna' },
      { kind: 'word', text: '#team' },
    ]);
  });

  it('reads a label with spaces as part of its token', () => {
    expect(tokenizeCommandText('<@U1|Anna Maria> 2d')).toEqual([
      { kind: 'user', id: 'U1', label: 'Anna Maria' },
      { kind: 'word', text: '2d' },
    ]);
  });

  it('treats lookalikes as words, never as mentions', () => {
    expect(tokenizeCommandText('<@u123> <#general> <!subteam^> <@> <> &lt;@U1&gt; <@U1')).toEqual([
      { kind: 'word', text: '<@u123>' },
      { kind: 'word', text: '<#general>' },
      { kind: 'word', text: '<!subteam^>' },
      { kind: 'word', text: '<@>' },
      { kind: 'word', text: '<>' },
      // Typed (not picked) text arrives with Slack's entities; decoded, it is still only a word.
      { kind: 'word', text: '<@U1>' },
      { kind: 'word', text: '<' },
      { kind: 'word', text: '@U1' },
    ]);
  });

  it('returns nothing for empty text', () => {
    expect(tokenizeCommandText('')).toEqual([]);
    expect(tokenizeCommandText('   ')).toEqual([]);
  });
});
