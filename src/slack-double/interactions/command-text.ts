import type { State } from '../state.js';

/**
 * The `text` of a slash command as Slack sends it, from what the person typed.
 *
 * With "Escape channels, users, and links" on (`should_escape: true`), Slack turns `@name` of a known user into
 * `<@U123|name>`, `#name` of a channel into `<#C123|name>`, `@handle` of a user group into `<!subteam^S123|@handle>`,
 * `@here`/`@channel`/`@everyone` into `<!here>`... and a URL into `<https://…>`; names it doesn't know stay text.
 * With it off, everything is plain text as typed: a mention picked from the autocomplete arrives as `@name`.
 *
 * Tests may write tokens themselves (`<@U123>`), as if picked from the autocomplete: escaped they are kept, and
 * unescaped they become the plain `@name` / `#name` / `@handle` Slack would send.
 */
export function commandTextAsSent(state: State, typed: string, shouldEscape: boolean): string {
  return typed
    .split(TOKEN)
    .map((piece, i) =>
      i % 2 === 1
        ? shouldEscape
          ? piece
          : plainToken(state, piece)
        : shouldEscape
          ? escapeTyped(state, piece)
          : piece,
    )
    .join('');
}

/** Splits text around `<…>` tokens; the capture group keeps the tokens at odd indexes. */
const TOKEN = /(<[^<>\s][^<>]*>)/;

const SPECIAL_MENTIONS = new Set(['here', 'channel', 'everyone']);

function escapeTyped(state: State, text: string): string {
  return text
    .replace(/(^|[\s(])(https?:\/\/[^\s<>]+)/g, (_m, before: string, url: string) => `${before}<${url}>`)
    .replace(/(^|[\s(])([@#])([\w.-]+)/g, (whole, before: string, sigil: string, typedName: string) => {
      // "@anna." at the end of a sentence: the dot is not part of the name.
      const name = typedName.replace(/\.+$/, '');
      const rest = typedName.slice(name.length);
      const token = sigil === '@' ? mentionToken(state, name) : channelToken(state, name);
      return token ? `${before}${token}${rest}` : whole;
    });
}

function mentionToken(state: State, name: string): string | undefined {
  const lower = name.toLowerCase();
  const user = [...state.users.values()].find((u) => !u.deleted && u.name.toLowerCase() === lower);
  if (user) return `<@${user.id}|${user.name}>`;
  const group = [...state.usergroups.values()].find((g) => g.handle.toLowerCase() === lower);
  if (group) return `<!subteam^${group.id}|@${group.handle}>`;
  if (SPECIAL_MENTIONS.has(lower)) return `<!${lower}>`;
  return undefined;
}

function channelToken(state: State, name: string): string | undefined {
  const lower = name.toLowerCase();
  const channel = [...state.channels.values()].find((c) => !c.isIm && c.name.toLowerCase() === lower);
  return channel ? `<#${channel.id}|${channel.name}>` : undefined;
}

/** What the person saw in the composer for a token, as plain text. */
function plainToken(state: State, token: string): string {
  const inner = token.slice(1, -1);
  const [ref = '', label] = splitLabel(inner);
  if (ref.startsWith('@')) return `@${label ?? state.users.get(ref.slice(1))?.name ?? ref.slice(1)}`;
  if (ref.startsWith('#')) return `#${label ?? state.channels.get(ref.slice(1))?.name ?? ref.slice(1)}`;
  if (ref.startsWith('!subteam^')) {
    const handle = label?.replace(/^@/, '') ?? state.usergroups.get(ref.slice('!subteam^'.length))?.handle ?? ref;
    return `@${handle}`;
  }
  if (ref.startsWith('!')) return `@${ref.slice(1)}`;
  return ref;
}

function splitLabel(inner: string): [string, string | undefined] {
  const bar = inner.indexOf('|');
  return bar === -1 ? [inner, undefined] : [inner.slice(0, bar), inner.slice(bar + 1)];
}
