import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BOT_SCOPES } from '../../src/slack/scopes.js';

const manifest = readFileSync(new URL('../../manifest.yml', import.meta.url), 'utf8');

/** The bot scopes listed under oauth_config.scopes.bot (comments left out). */
function botScopes(): string[] {
  const block = /^\s{4}bot:\n((?:\s{6}.*\n?)+)/m.exec(manifest)?.[1] ?? '';
  return [...block.matchAll(/^\s{6}- (\S+)/gm)].map((m) => m[1]!);
}

describe('manifest.yml', () => {
  it('has /loop escape people, channels and user groups, as the Slack double does by default', () => {
    const loop = /- command: \/loop\n((?:\s{6}.*\n)+)/.exec(manifest)?.[1] ?? '';
    const settings = loop.split('\n').filter((line) => !line.trim().startsWith('#'));
    expect(settings).toContain('      should_escape: true');
  });

  it('asks for exactly the scopes an OAuth install asks for', () => {
    expect([...botScopes()].sort()).toEqual([...BOT_SCOPES].sort());
  });

  it('asks for the scopes that checking and expanding round invitees needs', () => {
    expect(botScopes()).toEqual(expect.arrayContaining(['commands', 'users:read', 'usergroups:read']));
  });
});
