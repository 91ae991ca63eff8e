/** Canvas markdown for text people typed: it must read as text, never as a heading, link, mention or table. */

/** Characters that are markdown syntax anywhere in a line (emphasis, code, links, mentions, tables, HTML). */
const INLINE_SYNTAX = /[\\`*_~[\]()#!|<>{}]/g;

/**
 * One line of plain text for canvas markdown: line breaks become spaces (so nothing can start a heading or a list
 * of its own) and every markdown character is backslash-escaped, so `# x`, `[a](b)`, `![](@U1)` and `| a |` stay text.
 */
export function escapeCanvasText(text: string): string {
  const line = text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
  const escaped = line.replace(INLINE_SYNTAX, (c) => `\\${c}`);
  // A line that begins like a list item or a quote would become one where it starts a line.
  return escaped.replace(/^([-+=]|\d+[.)])/, '\\$1');
}

/** Shortens plain text before escaping (so an escape is never cut in half), with '…' when it cuts. */
export function clipText(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1).trimEnd()}…`;
}

/** Escaped and clipped: what every user text in the canvas goes through. */
export const userText = (text: string, max = 150): string => escapeCanvasText(clipText(text, max));

const SLACK_ID = /^[A-Z0-9]+$/;

/** A user mention in canvas markdown; anything that is no Slack id is shown as escaped text instead. */
export const userMention = (userId: string): string =>
  SLACK_ID.test(userId) ? `![](@${userId})` : escapeCanvasText(userId);

/** A channel mention in canvas markdown. */
export const channelMention = (channelId: string): string =>
  SLACK_ID.test(channelId) ? `![](#${channelId})` : escapeCanvasText(channelId);

/** A link whose text is ours; the URL must be https and is kept out of the text's syntax. */
export function link(text: string, url: string): string {
  if (!/^https:\/\/[^\s()<>]+$/.test(url)) return escapeCanvasText(text);
  return `[${escapeCanvasText(text)}](${url})`;
}

/** `command` as inline code: commands are ours, never user text. */
export const code = (command: string): string => `\`${command.replace(/`/g, '')}\``;

/**
 * The list as it fits: at most `maxItems` lines and `maxChars` characters, then "...and N more: <where>". `total`
 * counts items not even loaded. Lines are already canvas markdown.
 */
export function cutList(
  lines: string[],
  limits: { maxItems: number; maxChars: number },
  more: string,
  total = lines.length,
): string[] {
  const shown: string[] = [];
  let size = 0;
  for (const line of lines.slice(0, limits.maxItems)) {
    if (size + line.length + 1 > limits.maxChars) break;
    shown.push(line);
    size += line.length + 1;
  }
  const rest = total - shown.length;
  return rest > 0 ? [...shown, `...and ${rest} more: ${more}`] : shown;
}
