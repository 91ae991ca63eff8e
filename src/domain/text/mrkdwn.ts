/** Slack mrkdwn helpers for user-typed text. */

export const ELLIPSIS = '…';

/**
 * Escapes exactly the three characters Slack treats as control characters in mrkdwn:
 * `&` -> `&amp;`, `<` -> `&lt;`, `>` -> `&gt;`. User-typed `<!channel>`, `<@U123>` and
 * `<http://x|y>` become inert text. Not idempotent by design: `&amp;` becomes `&amp;amp;`.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const ENTITY_AT_START = /^&(?:amp|lt|gt);/;
const WHITESPACE = /\s/;

/**
 * Shortens `text` to at most `max` UTF-16 code units, appending '…' when (and only when) it cuts.
 * Cuts at the last whitespace if that keeps at least half of the room, otherwise mid-word;
 * never splits a surrogate pair or an `&amp;` / `&lt;` / `&gt;` entity, so it is safe on
 * escaped text. Throws RangeError when max is not a positive integer.
 */
export function truncate(text: string, max: number): string {
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`max must be a positive integer, got ${max}`);
  if (text.length <= max) return text;

  const room = max - ELLIPSIS.length;
  let cut = room;
  const beforeCut = text.charCodeAt(cut - 1);
  if (cut > 0 && beforeCut >= 0xd800 && beforeCut <= 0xdbff) cut -= 1;

  const amp = cut > 0 ? text.lastIndexOf('&', cut - 1) : -1;
  if (amp !== -1) {
    const entity = ENTITY_AT_START.exec(text.slice(amp, amp + 5));
    if (entity && amp + entity[0].length > cut) cut = amp;
  }

  if (!WHITESPACE.test(text.charAt(cut))) {
    let space = cut - 1;
    while (space >= 0 && !WHITESPACE.test(text.charAt(space))) space -= 1;
    if (space >= Math.ceil(room / 2)) cut = space;
  }
  return text.slice(0, cut).trimEnd() + ELLIPSIS;
}
