import { describe, expect, it } from 'vitest';
import type { Loopkeeper } from '../../src/bootstrap.js';
import type { SlackDouble } from '../../src/slack-double/index.js';
import { assessValues, blockText, openAssessModal } from '../helpers/assess-journey.js';
import { ALICE, GENERAL, PRIVATE_NOT_MEMBER, useLoopkeeper } from '../helpers/loopkeeper.js';

const start = useLoopkeeper();
const scores = { data_integration: 3, activation: 2, usage_campaigns: 4, pqls: 3, feedback_loop: 4 };
const MINUTE = 60_000;
// The Web API client in tests makes 3 attempts per call (retries: 2).
const EVERY_ATTEMPT = 3;

async function submit(double: SlackDouble, channel = GENERAL) {
  const view = await openAssessModal(double, ALICE, GENERAL);
  return double.submitView({
    userId: ALICE,
    viewId: view.id,
    values: assessValues({ segment: 'pure_plg', channel, scores }),
  });
}

/** Top-level assessment summaries in a channel (the chart is a reply in the thread). */
const summariesIn = (double: SlackDouble, channel: string) =>
  (double.channel(channel)?.messages ?? []).filter(
    (m) => !m.thread_ts && String(m.text).startsWith('Feedback-loop assessment'),
  );

const dm = (double: SlackDouble) => double.channel(ALICE)!.messages;

async function outbox(app: Loopkeeper) {
  return app.db.selectFrom('assessment_summary_posts').selectAll().execute();
}

describe('a stored summary that was not posted', () => {
  it("is posted exactly once by the scheduler after a restart, and the person's note is updated with the link", async () => {
    const { double, app, clock, restart } = await start();
    // Slack fails every attempt of the post right after the ack.
    double.failNext('chat.postMessage', { status: 500 }, EVERY_ATTEMPT);
    const { ack } = await submit(double);
    expect(ack).toBeUndefined();
    await app.idle();

    expect(summariesIn(double, GENERAL)).toEqual([]);
    const [stored] = await app.db.selectFrom('assessments').select(['posted_ts', 'post_error']).execute();
    expect(stored).toEqual({ posted_ts: null, post_error: 'other: An HTTP protocol error occurred: statusCode = 500' });
    expect(await outbox(app)).toMatchObject([
      { status: 'pending', attempts: 1, next_attempt_at: '2026-11-23T10:01:00.000Z', lease_until: null },
    ]);
    // The person is told privately that it is on its way, not left believing it was posted.
    const [note] = dm(double);
    expect(blockText(note?.blocks)).toContain(
      `Your assessment #1 is saved and on its way to <#${GENERAL}>. Slack didn't take it yet`,
    );
    expect(blockText(note?.blocks)).toContain("I'll try again in 1 minute and keep trying until it's posted.");

    // Down for two hours; the first tick after the restart posts it.
    const next = await restart();
    clock.advance(2 * 60 * MINUTE);
    await next.tick();
    await next.idle();
    const posted = summariesIn(double, GENERAL);
    expect(posted).toHaveLength(1);
    const [row] = await next.db.selectFrom('assessments').select(['posted_ts', 'post_error']).execute();
    expect(row).toEqual({ posted_ts: posted[0]!.ts, post_error: null });
    expect(await outbox(next)).toMatchObject([
      { status: 'posted', attempts: 2, lease_until: null, in_flight_since: null },
    ]);
    const update = await double.waitForCall('chat.update', (c) => c.args.ts === note!.ts);
    expect(blockText(update.args.blocks)).toContain(
      `:white_check_mark: Assessment #1 is posted in <#${GENERAL}>. <https://loopkeeper-test.slack.com/archives/${GENERAL}/p`,
    );
    expect(dm(double)).toHaveLength(1);

    // Later ticks post nothing again.
    clock.advance(60 * MINUTE);
    await next.tick();
    await next.idle();
    expect(summariesIn(double, GENERAL)).toHaveLength(1);
    expect(double.violations).toEqual([]);
  });

  it('is posted once when the process died right after the ack, once its lease has run out', async () => {
    const { double, app, clock, restart } = await start();
    double.failNext('chat.postMessage', { status: 500 }, EVERY_ATTEMPT);
    await submit(double);
    await app.idle();
    // What a process that died after claiming the post (before Slack answered) leaves behind.
    await app.db
      .updateTable('assessment_summary_posts')
      .set({
        status: 'pending',
        lease_until: '2026-11-23T10:40:00.000Z',
        in_flight_since: '2026-11-23T10:00:00.000Z',
        next_attempt_at: '2026-11-23T10:00:00.000Z',
      })
      .execute();

    const next = await restart();
    clock.advance(10 * MINUTE);
    await next.tick();
    await next.idle();
    // The lease still covers the dead attempt's retries.
    expect(summariesIn(double, GENERAL)).toEqual([]);

    clock.advance(31 * MINUTE);
    await next.tick();
    await next.idle();
    // Slack was asked whether the dead attempt got through before posting.
    expect(double.callsTo('conversations.history').at(-1)?.args).toMatchObject({ channel: GENERAL });
    expect(summariesIn(double, GENERAL)).toHaveLength(1);
    await next.tick();
    expect(summariesIn(double, GENERAL)).toHaveLength(1);
    expect(double.violations).toEqual([]);
  });

  it('is recorded, not posted again, when the dead attempt had reached Slack', async () => {
    const { double, app, clock, restart } = await start();
    await submit(double);
    await app.idle();
    const [first] = summariesIn(double, GENERAL);
    expect(first?.metadata).toEqual({
      event_type: 'loopkeeper_assessment_summary',
      event_payload: { assessment_id: 1 },
    });
    // The process died after Slack took the post and before it was recorded.
    await app.db.updateTable('assessments').set({ posted_ts: null, posted_channel_id: null }).execute();
    await app.db
      .updateTable('assessment_summary_posts')
      .set({ status: 'pending', lease_until: '2026-11-23T10:40:00.000Z', in_flight_since: '2026-11-23T10:00:00.000Z' })
      .execute();

    const next = await restart();
    clock.advance(41 * MINUTE);
    await next.tick();
    await next.idle();
    expect(summariesIn(double, GENERAL)).toHaveLength(1);
    const [row] = await next.db.selectFrom('assessments').select(['posted_ts', 'posted_channel_id']).execute();
    expect(row).toEqual({ posted_ts: first!.ts, posted_channel_id: GENERAL });
    expect(await outbox(next)).toMatchObject([{ status: 'posted' }]);
  });

  it("is posted once when a tick runs while the submission's own post is on its way", async () => {
    const { double, app } = await start();
    double.failNext('chat.postMessage', { status: 500 });
    await submit(double);
    await app.tick();
    await app.idle();
    await app.tick();
    expect(summariesIn(double, GENERAL)).toHaveLength(1);
    expect(
      double
        .callsTo('chat.postMessage')
        .filter((c) => c.args.channel === GENERAL && c.response.ok && !c.args.thread_ts),
    ).toHaveLength(1);
    // Quick enough: no "on its way" note.
    expect(dm(double)).toEqual([]);
    expect(double.ephemeralsFor(ALICE)).toEqual([]);
  });

  it('tells the person by DM with Post again when the channel refuses it after a restart, and posts it on request', async () => {
    const { double, app, clock, restart } = await start();
    double.failNext('chat.postMessage', { status: 500 }, EVERY_ATTEMPT);
    await submit(double, PRIVATE_NOT_MEMBER);
    await app.idle();
    const [note] = dm(double);
    expect(blockText(note?.blocks)).toContain('on its way');

    const next = await restart();
    clock.advance(2 * MINUTE);
    await next.tick();
    await next.idle();
    // The note is replaced with the fix and the button: one message, nothing posted in the channel.
    expect(dm(double)).toHaveLength(1);
    const told = dm(double)[0]!;
    expect(blockText(told.blocks)).toContain(
      `Your assessment #1 is saved, but I couldn't post it to <#${PRIVATE_NOT_MEMBER}>`,
    );
    expect(blockText(told.blocks)).toContain('/invite @Loopkeeper');
    expect(await outbox(next)).toMatchObject([{ status: 'refused' }]);
    // Refused posts wait for the person: ticks don't retry or tell again.
    clock.advance(60 * MINUTE);
    await next.tick();
    await next.idle();
    expect(double.callsTo('chat.postMessage').filter((c) => c.args.channel === PRIVATE_NOT_MEMBER)).toHaveLength(
      EVERY_ATTEMPT + 1,
    );
    expect(dm(double)).toHaveLength(1);

    double.addChannel({ id: PRIVATE_NOT_MEMBER, name: 'secret', isPrivate: true, isMember: true });
    await double.blockAction({
      userId: ALICE,
      actionId: 'assessment_repost',
      value: '1',
      channelId: double.channel(ALICE)!.id,
      messageTs: told.ts,
    });
    await double.waitForCall('response_url', (c) => JSON.stringify(c.args).includes('is posted in'));
    await next.idle();
    expect(summariesIn(double, PRIVATE_NOT_MEMBER)).toHaveLength(1);
    expect(blockText(dm(double)[0]!.blocks)).toContain(`Assessment #1 is posted in <#${PRIVATE_NOT_MEMBER}>`);
    expect(double.violations).toEqual([]);
  });
});

describe('a slow summary post', () => {
  it('tells the person privately after the configured delay and updates that note when the post lands', async () => {
    const { double, app } = await start({ env: { SLOW_POST_NOTICE_MS: '0' } });
    // Two failures: the client retries, so the post takes longer than the (zero) delay and still lands.
    double.failNext('chat.postMessage', { status: 500 }, 2);
    await submit(double);
    const update = await double.waitForCall('chat.update', (c) => c.args.channel === double.channel(ALICE)!.id);
    await app.idle();

    const [note] = dm(double);
    const first = double.callsTo('chat.postMessage').find((c) => c.args.channel === ALICE && c.response.ok)!;
    expect(blockText(first.args.blocks)).toContain(
      `Your assessment #1 is saved and on its way to <#${GENERAL}>. Slack is slow to answer right now`,
    );
    expect(update.args.ts).toBe(note!.ts);
    const [summary] = summariesIn(double, GENERAL);
    expect(blockText(update.args.blocks)).toContain(
      `Assessment #1 is posted in <#${GENERAL}>. <https://loopkeeper-test.slack.com/archives/${GENERAL}/p${summary!.ts.replace('.', '')}|Open the summary>`,
    );
    expect(summariesIn(double, GENERAL)).toHaveLength(1);
    expect(dm(double)).toHaveLength(1);
    expect(double.violations).toEqual([]);
  });

  it('refuses a delay that is not a number of milliseconds at start-up', async () => {
    await expect(start({ env: { SLOW_POST_NOTICE_MS: '5s' } })).rejects.toThrow(
      /SLOW_POST_NOTICE_MS must be a whole number of milliseconds from 0 to 600000/,
    );
  });
});
