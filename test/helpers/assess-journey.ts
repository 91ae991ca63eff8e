import type { SlackDouble } from '../../src/slack-double/index.js';

export type Scores = Record<'data_integration' | 'activation' | 'usage_campaigns' | 'pqls' | 'feedback_loop', number>;

/** `/loop assess` -> the modal, as the user sees it; returns the open view. */
export async function openAssessModal(double: SlackDouble, userId: string, channelId: string, text = 'assess') {
  const opened = double.callsTo('views.open').length;
  await double.slashCommand({ command: '/loop', text, userId, channelId });
  await double.waitForCall('views.open', (c) => double.callsTo('views.open').indexOf(c) >= opened);
  const view = double.topView(userId);
  if (!view) throw new Error('no modal open after /loop assess');
  return view;
}

/** Simple `block_id/action_id` values for the assess modal. */
export function assessValues(input: {
  segment?: string;
  channel?: string;
  scores: Partial<Scores>;
  flags?: Record<string, string[]>;
  notes?: Record<string, string>;
}) {
  const values: Record<string, unknown> = {};
  if (input.segment) values['assess_segment/value'] = input.segment;
  if (input.channel) values['assess_channel/value'] = input.channel;
  for (const [dimension, score] of Object.entries(input.scores)) values[`score:${dimension}/value`] = String(score);
  for (const [dimension, flags] of Object.entries(input.flags ?? {})) values[`flags:${dimension}/value`] = flags;
  for (const [dimension, note] of Object.entries(input.notes ?? {})) values[`note:${dimension}/value`] = note;
  return values;
}

/** Concatenated mrkdwn/plain text of a message's blocks, for assertions on what people read. */
export function blockText(blocks: any[] | undefined): string {
  const parts: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (typeof o.text === 'string') parts.push(o.text);
      for (const [key, value] of Object.entries(o)) if (key !== 'text' || typeof value !== 'string') walk(value);
    }
  };
  walk(blocks);
  return parts.join('\n');
}
