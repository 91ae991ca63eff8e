import type { MqaStatus } from './lifecycle.js';

/** What a reply in a card's thread asks for. Pure. */
export type ThreadIntent = 'acknowledged' | 'in_progress' | 'won' | 'lost' | 'stalled';

const PATTERNS: Array<[RegExp, ThreadIntent]> = [
  [/^(?:ack|acked|acknowledged|on it)\b/, 'acknowledged'],
  [/^(?:in progress|working on it)\b/, 'in_progress'],
  [/^(?:won|closed won)\b/, 'won'],
  [/^(?:lost|closed lost)\b/, 'lost'],
  [/^stalled\b/, 'stalled'],
];

/**
 * A reply counts when it starts with one of the keywords ("ack", "on it - calling them tomorrow"); anything else is
 * conversation and changes nothing. Leading mentions and punctuation are ignored.
 */
export function parseThreadReply(text: string | undefined): ThreadIntent | null {
  const normalized = (text ?? '')
    .toLowerCase()
    .replace(/<@[a-z0-9]+>/g, ' ')
    .replace(/^[\s:!.,*_~-]+/, '')
    .replace(/\s+/g, ' ')
    .trim();
  for (const [pattern, intent] of PATTERNS) if (pattern.test(normalized)) return intent;
  return null;
}

export const ACK_REACTIONS = ['white_check_mark', 'heavy_check_mark'];

export const intentStatus = (intent: ThreadIntent): MqaStatus => intent;
