import { expect } from 'vitest';
import { type Loopkeeper, startLoopkeeper } from '../../src/bootstrap.js';
import type { Config } from '../../src/config.js';
import { createLogger } from '../../src/logging/logger.js';
import type { SlackDouble } from '../../src/slack-double/index.js';
import { BOB_ADMIN, GENERAL } from './loopkeeper.js';

/** The values a GTM review every 3 weeks on Tuesday at 10:00 Europe/Rome from 2026-11-24 submits, by 'block/value' key. */
export const GTM_REVIEW_VALUES: Record<string, unknown> = {
  'ritual_kind/value': 'gtm_review',
  'ritual_channel/value': GENERAL,
  'ritual_cadence/value': 'weekly',
  'ritual_every_weeks/value': '3',
  'ritual_weekday/value': '2',
  'ritual_anchor/value': '2026-11-24',
  'ritual_time/value': '10:00',
  'ritual_time_zone/value': 'Europe/Rome',
};

/** `/loop rituals` -> "Add ritual" -> the modal, as the admin; returns the open view. */
export async function openAddRitual(double: SlackDouble, userId = BOB_ADMIN) {
  await double.slashCommand({ command: '/loop', text: 'rituals', userId, channelId: GENERAL });
  await double.waitForCall('response_url');
  const before = double.callsTo('views.open').length;
  await double.blockAction({ userId, actionId: 'ritual_add' });
  await double.waitForCall('views.open', (c) => double.callsTo('views.open').indexOf(c) >= before);
  return double.topView(userId)!;
}

/**
 * Picks a cadence in the open ritual modal, as a person does in the "How often" select, with `typed` already
 * entered; waits for the app to rebuild the modal and returns it.
 */
export async function pickCadence(
  double: SlackDouble,
  viewId: string,
  cadence: string,
  typed: Record<string, unknown> = {},
  userId = BOB_ADMIN,
) {
  const before = double.callsTo('views.update').length;
  const stateValues = double.stateValues(viewId, typed);
  await double.blockAction({
    userId,
    viewId,
    actionId: 'value',
    blockId: 'ritual_cadence',
    selectedOption: { value: cadence },
    stateValues,
  });
  await double.waitForCall('views.update', (c) => double.callsTo('views.update').indexOf(c) >= before);
  return double.view(viewId)!;
}

/** The input block ids of a view, in order. */
export const inputBlockIds = (view: { blocks: any[] }): string[] =>
  view.blocks.filter((b) => b.type === 'input').map((b) => b.block_id);

export async function addRitual(
  double: SlackDouble,
  app: Loopkeeper,
  values: Record<string, unknown> = GTM_REVIEW_VALUES,
) {
  const view = await openAddRitual(double);
  // The modal shows one cadence's fields at a time: pick the cadence first, as a person would.
  const cadence = values['ritual_cadence/value'];
  if (typeof cadence === 'string' && cadence !== 'weekly') await pickCadence(double, view.id, cadence);
  const { ack } = await double.submitView({ userId: BOB_ADMIN, viewId: view.id, values });
  expect(ack).toBeUndefined();
  await app.idle();
}

/** A second Loopkeeper on the same database and the same Slack double (a restart, or a second instance). */
export async function startAnother(config: Config, now: () => Date): Promise<Loopkeeper> {
  const app = await startLoopkeeper(config, {
    logger: createLogger({ level: 'error', sink: () => {} }),
    clock: now,
    retryConfig: { retries: 2, factor: 1, minTimeout: 10, maxTimeout: 20 },
    schedule: false,
  });
  return app;
}

/** Bot messages posted at top level in a channel (ritual posts, not thread replies). */
export const topLevelPosts = (double: SlackDouble, channelId = GENERAL): any[] =>
  double.channel(channelId)!.messages.filter((m: any) => !m.thread_ts || m.thread_ts === m.ts);

export const postText = (m: any) => JSON.stringify(m.blocks ?? []);
