import { describe, expect, it } from 'vitest';
import type { SlackDouble } from '../../src/slack-double/index.js';
import { assessValues, blockText, openAssessModal } from '../helpers/assess-journey.js';
import { ALICE, GENERAL, useLoopkeeper } from '../helpers/loopkeeper.js';

const start = useLoopkeeper();
const scores = { data_integration: 3, activation: 2, usage_campaigns: 4, pqls: 3, feedback_loop: 4 };
const MINUTE = 60_000;

async function submit(double: SlackDouble) {
  const view = await openAssessModal(double, ALICE, GENERAL);
  return double.submitView({
    userId: ALICE,
    viewId: view.id,
    values: assessValues({ segment: 'pure_plg', channel: GENERAL, scores }),
  });
}

const summariesIn = (double: SlackDouble, channel: string) =>
  (double.channel(channel)?.messages ?? []).filter(
    (m) => !m.thread_ts && String(m.text).startsWith('Feedback-loop assessment'),
  );

describe('an assessment summary Slack gives a final answer about', () => {
  it('waits for Post again when Slack refuses for good (not a channel problem), instead of retrying forever', async () => {
    const { double, app, clock } = await start();
    double.failNext('chat.postMessage', { error: 'missing_scope' });
    await submit(double);
    await app.idle();

    expect(summariesIn(double, GENERAL)).toEqual([]);
    const notice = blockText(double.ephemeralsFor(ALICE).at(-1)?.blocks);
    expect(notice).toContain(
      "Slack refused the post to <#C0GENERAL> (missing_scope), and trying again by itself won't help.",
    );
    expect(notice).not.toContain('keep trying');
    expect(await app.db.selectFrom('assessment_summary_posts').select('status').execute()).toEqual([
      { status: 'refused' },
    ]);

    // No tick tries again by itself; the person's Post again does.
    clock.advance(2 * 60 * MINUTE);
    await app.tick();
    await app.idle();
    expect(summariesIn(double, GENERAL)).toEqual([]);
    await double.blockAction({ userId: ALICE, actionId: 'assessment_repost', value: '1', channelId: GENERAL });
    await app.idle();
    expect(summariesIn(double, GENERAL)).toHaveLength(1);
  });

  it("is posted when Slack won't let Loopkeeper check whether a dead attempt got through", async () => {
    const { double, app, clock, restart } = await start();
    double.failNext('chat.postMessage', { status: 500 }, 3);
    await submit(double);
    await app.idle();
    // What a process that died mid-post leaves behind; then Slack refuses to show the channel's history.
    await app.db
      .updateTable('assessment_summary_posts')
      .set({ status: 'pending', lease_until: '2026-11-23T10:40:00.000Z', in_flight_since: '2026-11-23T10:00:00.000Z' })
      .execute();
    double.failNext('conversations.history', { error: 'not_in_channel' });

    const next = await restart();
    clock.advance(41 * MINUTE);
    await next.tick();
    await next.idle();
    expect(double.callsTo('conversations.history')).toHaveLength(1);
    expect(summariesIn(double, GENERAL)).toHaveLength(1);
    await next.tick();
    await next.idle();
    expect(summariesIn(double, GENERAL)).toHaveLength(1);
  });
});
