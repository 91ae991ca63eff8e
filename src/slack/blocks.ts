import type { types } from '@slack/bolt';
import { escapeMrkdwn } from '../domain/text/mrkdwn.js';
import { formatDay, middayOf } from '../domain/time/local-day.js';

export type KnownBlock = types.KnownBlock;
export type ModalView = types.ModalView;
export type HomeView = types.HomeView;
export type PlainTextOption = types.PlainTextOption;

/** A message as chat.postMessage takes it: `text` is the notification and screen-reader fallback. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

export const plain = (text: string): types.PlainTextElement => ({ type: 'plain_text', text, emoji: true });

export const section = (text: string): types.SectionBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });

export const header = (text: string): types.HeaderBlock => ({ type: 'header', text: plain(text) });

export const context = (...texts: string[]): types.ContextBlock => ({
  type: 'context',
  elements: texts.map((text) => ({ type: 'mrkdwn', text })),
});

export const divider = (): types.DividerBlock => ({ type: 'divider' });

export const option = (text: string, value: string): PlainTextOption => ({ text: plain(text), value });

/** Slack renders this in each reader's own time zone; the fallback shows when it can't. */
export function slackDate(at: Date, format = '{date_short_pretty} at {time}'): string {
  const seconds = Math.floor(at.getTime() / 1000);
  return `<!date^${seconds}^${format}|${at.toISOString().slice(0, 16).replace('T', ' ')} UTC>`;
}

/** Cuts typed text for a one-line summary; the full text stays in the register. */
export const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * A local day (YYYY-MM-DD in the team's zone) as Slack's date token, so it reads like every other date Loopkeeper
 * shows ("Tomorrow", "Dec 1, 2026" in the viewer's language); where tokens don't render, "Tue 1 Dec 2026".
 */
export function slackDay(day: string, timeZone: string, format = '{date_short_pretty}'): string {
  const midday = middayOf(day, timeZone);
  if (!midday) return escapeMrkdwn(day);
  return `<!date^${Math.floor(midday.getTime() / 1000)}^${format}|${formatDay(day)}>`;
}
