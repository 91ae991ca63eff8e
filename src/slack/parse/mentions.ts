/**
 * Slash command text with "Escape channels, users, and links" on, split into what the person picked and typed.
 * Slack sends a picked person as `<@U123>` or `<@U123|anna>`, a channel as `<#C123>` or `<#C123|team>`, a user group
 * as `<!subteam^S123>` or `<!subteam^S123|@pmm>`, `@here` as `<!here>` and a link as `<https://…|label>`; the label
 * after `|` is only a hint, the id is what counts.
 */
export type CommandToken =
  | { kind: 'user'; id: string; label?: string }
  | { kind: 'channel'; id: string; label?: string }
  | { kind: 'usergroup'; id: string; label?: string }
  /** `<!here>`, `<!channel>`, `<!everyone>`: `name` without the `!`. */
  | { kind: 'special'; name: string }
  | { kind: 'link'; url: string; label?: string }
  /** Anything else, with Slack's `&amp;` `&lt;` `&gt;` decoded. */
  | { kind: 'word'; text: string };

const PIECES = /<([^<>]*)>|[^\s<]+|</g;
const USER = /^@([UW][A-Z0-9]+)$/;
const CHANNEL = /^#([CG][A-Z0-9]+)$/;
const USERGROUP = /^!subteam\^(S[A-Z0-9]+)$/;
const SPECIAL = /^!(here|channel|everyone)$/;

export function tokenizeCommandText(text: string): CommandToken[] {
  const tokens: CommandToken[] = [];
  for (const [piece, inner] of text.matchAll(PIECES)) {
    tokens.push(inner === undefined ? { kind: 'word', text: decodeEntities(piece) } : angleToken(inner, piece));
  }
  return tokens;
}

function angleToken(inner: string, raw: string): CommandToken {
  const bar = inner.indexOf('|');
  const ref = bar === -1 ? inner : inner.slice(0, bar);
  const label = bar === -1 ? undefined : decodeEntities(inner.slice(bar + 1)) || undefined;
  const withLabel = <T extends object>(token: T) => (label === undefined ? token : { ...token, label });
  const user = USER.exec(ref);
  if (user) return withLabel({ kind: 'user' as const, id: user[1]! });
  const channel = CHANNEL.exec(ref);
  if (channel) return withLabel({ kind: 'channel' as const, id: channel[1]! });
  const usergroup = USERGROUP.exec(ref);
  if (usergroup) return withLabel({ kind: 'usergroup' as const, id: usergroup[1]! });
  const special = SPECIAL.exec(ref);
  if (special) return { kind: 'special', name: special[1]! };
  if (/^[a-z][a-z0-9+.-]*:/i.test(ref)) return withLabel({ kind: 'link' as const, url: decodeEntities(ref) });
  return { kind: 'word', text: decodeEntities(raw) };
}

function decodeEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
