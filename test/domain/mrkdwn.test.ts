import { describe, expect, it } from 'vitest';
import { ELLIPSIS, escapeMrkdwn, truncate } from '../../src/domain/text/mrkdwn.js';

describe('escapeMrkdwn', () => {
  it.each([
    ['<!channel>', '&lt;!channel&gt;'],
    ['<!here> please look', '&lt;!here&gt; please look'],
    ['<@U1>', '&lt;@U1&gt;'],
    ['<#C123|general>', '&lt;#C123|general&gt;'],
    ['<http://evil|click>', '&lt;http://evil|click&gt;'],
    ['&amp;', '&amp;amp;'],
    ['R&D > Sales & Marketing < Product', 'R&amp;D &gt; Sales &amp; Marketing &lt; Product'],
    ['&lt;b&gt;', '&amp;lt;b&amp;gt;'],
    ['plain *bold* _italic_ ~strike~ `code`', 'plain *bold* _italic_ ~strike~ `code`'],
    ['', ''],
  ])('%j -> %j', (input, expected) => {
    expect(escapeMrkdwn(input)).toBe(expected);
  });

  it('leaves no raw angle brackets, whatever the input', () => {
    const escaped = escapeMrkdwn('<<<!channel>>> <@U1|x> <!subteam^S1> &&');
    expect(escaped).not.toMatch(/[<>]/);
    expect(escaped).not.toMatch(/&(?!amp;|lt;|gt;)/);
  });
});

describe('truncate', () => {
  it.each([
    ['short text', 20, 'short text'],
    ['exactly ten', 11, 'exactly ten'],
    ['the quick brown fox jumps', 12, 'the quick…'],
    ['the quick brown fox jumps', 10, 'the quick…'], // cut lands right after "quick"
    ['the quick brown fox jumps', 16, 'the quick brown…'],
    ['supercalifragilistic', 8, 'superca…'], // no space: cut mid-word
    ['a verylongwordwithoutspaces', 12, 'a verylongw…'], // last space keeps less than half the room
    ['hello,   world again', 12, 'hello,…'],
    ['abc', 1, '…'],
  ])('%j to %i -> %j', (input, max, expected) => {
    const out = truncate(input, max);
    expect(out).toBe(expected);
    expect(out.length).toBeLessThanOrEqual(max);
  });

  it('appends the ellipsis only when it cuts', () => {
    expect(truncate('abc', 3)).toBe('abc');
    expect(truncate('abcd', 3).endsWith(ELLIPSIS)).toBe(true);
  });

  it('does not split a surrogate pair', () => {
    const out = truncate('ab😀cdefgh', 4); // room 3 would end inside the emoji
    expect(out).toBe('ab…');
    expect(out.length).toBeLessThanOrEqual(4);
  });

  it('does not split an escaped entity', () => {
    const escaped = escapeMrkdwn('abcdefgh<ijk'); // 'abcdefgh&lt;ijk'
    expect(truncate(escaped, 11)).toBe('abcdefgh…');
    expect(truncate(escapeMrkdwn('Tom&Jerry show'), 8)).toBe('Tom…');
  });

  it.each([0, -1, 2.5, Number.NaN])('rejects max %s', (max) => {
    expect(() => truncate('text', max)).toThrow(RangeError);
  });
});
