// Slack's mrkdwn to HTML. Every character of the text is HTML-escaped first; only the tags made here are markup,
// and a link's address is used only when it is http(s) or mailto.

export interface Directory {
  userName(id: string): string | undefined;
  channelName(id: string): string | undefined;
}

const EMOJI: Record<string, string> = {
  white_check_mark: '✅',
  heavy_check_mark: '✔️',
  warning: '⚠️',
  lock: '🔒',
  hourglass: '⌛',
  hourglass_flowing_sand: '⏳',
  rotating_light: '🚨',
  alarm_clock: '⏰',
  x: '❌',
  wastebasket: '🗑️',
  red_circle: '🔴',
  large_yellow_circle: '🟡',
  large_orange_circle: '🟠',
  large_green_circle: '🟢',
  inbox_tray: '📥',
  bookmark_tabs: '📑',
  triangular_flag_on_post: '🚩',
  star: '⭐',
  speech_balloon: '💬',
  small_red_triangle: '🔺',
  small_red_triangle_down: '🔻',
  pushpin: '📌',
  office: '🏢',
  no_entry_sign: '🚫',
  memo: '📝',
  mag: '🔍',
  information_source: 'ℹ️',
  double_vertical_bar: '⏸️',
  arrow_up: '⬆️',
  arrow_down: '⬇️',
  arrow_right: '➡️',
  chart_with_upwards_trend: '📈',
  chart_with_downwards_trend: '📉',
  bar_chart: '📊',
  calendar: '📆',
  date: '📅',
  tada: '🎉',
  eyes: '👀',
  thumbsup: '👍',
  '+1': '👍',
  thumbsdown: '👎',
  heart: '❤️',
  fire: '🔥',
  rocket: '🚀',
  wave: '👋',
  bulb: '💡',
  dart: '🎯',
  handshake: '🤝',
  bell: '🔔',
  clipboard: '📋',
  link: '🔗',
  gear: '⚙️',
  house: '🏠',
  zap: '⚡',
  sparkles: '✨',
};

export const emojiFor = (name: string): string | undefined => EMOJI[name];

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Slack escapes &, < and > in message text; undo that before escaping for HTML. */
const decodeSlack = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

const safeHref = (url: string): string | undefined => (/^(https?:|mailto:)/i.test(url) ? url : undefined);

/** A `<…>` token: a link, a mention of a person, channel or group, or a special mention. */
function token(inner: string, dir: Directory): string {
  const [target = '', label] = splitOnce(inner, '|');
  if (target.startsWith('@')) {
    const id = target.slice(1);
    const name = label ?? dir.userName(id) ?? id;
    return `<span class="mention" data-user="${escapeHtml(id)}">@${escapeHtml(name)}</span>`;
  }
  if (target.startsWith('#')) {
    const id = target.slice(1);
    const name = label ?? dir.channelName(id) ?? id;
    return `<span class="mention channel" data-channel="${escapeHtml(id)}">#${escapeHtml(name)}</span>`;
  }
  if (target.startsWith('!date^')) {
    // Slack formats the time in the reader's time zone; the fallback text Loopkeeper sends says the same.
    const [, seconds] = target.split('^');
    const when = new Date(Number(seconds) * 1000);
    const iso = Number.isNaN(when.getTime()) ? '' : when.toISOString();
    return `<time datetime="${escapeHtml(iso)}">${escapeHtml(decodeSlack(label ?? iso))}</time>`;
  }
  if (target.startsWith('!subteam^')) {
    return `<span class="mention">${escapeHtml(label ?? '@group')}</span>`;
  }
  if (target.startsWith('!')) {
    const name = target.slice(1).split('^')[0] ?? '';
    return `<span class="mention">@${escapeHtml(label ?? name)}</span>`;
  }
  const href = safeHref(decodeSlack(target));
  const text = escapeHtml(decodeSlack(label ?? target));
  return href ? `<a href="${escapeHtml(href)}" target="_blank" rel="noopener noreferrer">${text}</a>` : text;
}

function splitOnce(text: string, sep: string): [string, string | undefined] {
  const at = text.indexOf(sep);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

// Placeholders for tokens and code: private-use characters never typed, never touched by the formatting below.
const MARK = '\uE000';
const MARK_END = '\uE001';

/** Slack mrkdwn (text of a `mrkdwn` text object or a message's `text`) as safe HTML. */
export function mrkdwnToHtml(source: string, dir: Directory): string {
  const held: string[] = [];
  const hold = (html: string) => `${MARK}${held.push(html) - 1}${MARK_END}`;
  let text = source.replace(/[\uE000\uE001]/g, '');
  text = text.replace(/```([\s\S]*?)```/g, (_, code: string) => hold(`<pre>${escapeHtml(decodeSlack(code))}</pre>`));
  text = text.replace(/`([^`\n]+)`/g, (_, code: string) => hold(`<code>${escapeHtml(decodeSlack(code))}</code>`));
  text = text.replace(/<([^<>\s][^<>]*)>/g, (_, inner: string) => hold(token(inner, dir)));
  let html = escapeHtml(decodeSlack(text));
  const edge = '(^|[\\s(\\[{"\'\\uE001])';
  const end = '(?=$|[\\s).,:;!?\\]}"\'\\uE000])';
  html = html.replace(new RegExp(`${edge}\\*(?!\\s)([^*\\n]+?)\\*${end}`, 'g'), '$1<b>$2</b>');
  html = html.replace(new RegExp(`${edge}_(?!\\s)([^_\\n]+?)_${end}`, 'g'), '$1<i>$2</i>');
  html = html.replace(new RegExp(`${edge}~(?!\\s)([^~\\n]+?)~${end}`, 'g'), '$1<s>$2</s>');
  html = html.replace(/:([a-z0-9_+-]+):/g, (whole, name: string) => {
    const emoji = EMOJI[name];
    return emoji ? `<span class="emoji" title=":${name}:">${emoji}</span>` : whole;
  });
  html = html
    .split('\n')
    .map((line) => (line.startsWith('&gt; ') || line === '&gt;' ? `<blockquote>${line.slice(5)}</blockquote>` : line))
    .join('\n')
    .replace(/<\/blockquote>\n/g, '</blockquote>')
    .replace(/\n/g, '<br>');
  return html.replace(new RegExp(`${MARK}(\\d+)${MARK_END}`, 'g'), (_, i: string) => held[Number(i)] ?? '');
}

/** A plain_text object: escaped, with `:emoji:` shortcodes when `emoji` is not false. */
export function plainToHtml(text: string, emoji = true): string {
  const html = escapeHtml(text);
  return emoji ? html.replace(/:([a-z0-9_+-]+):/g, (whole, name: string) => EMOJI[name] ?? whole) : html;
}
