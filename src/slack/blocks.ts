import type { types } from '@slack/bolt';

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
