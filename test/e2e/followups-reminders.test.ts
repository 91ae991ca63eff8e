import { describe, expect, it } from 'vitest';
import type { SlackDouble } from '../../src/slack-double/index.js';
import { ALICE, BOB_ADMIN, GENERAL, useLoopkeeper } from '../helpers/loopkeeper.js';
import { addRitual, startAnother, topLevelPosts } from '../helpers/rituals-journey.js';

const start = useLoopkeeper();
const FIRST = new Date('2026-11-24T09:00:00Z'); // 10:00 in Rome
const DUE_MORNING = new Date('2026-11-26T08:00:00Z'); // 09:00 in Rome on the due date
const MINUTE = 60_000;

/** A ritual post with one follow-up for Alice due 2026-11-26, added through the modal. */
async function followUpDueFor(double: SlackDouble, app: any, clock: { set(at: Date): void }) {
  await addRitual(double, app);
  clock.set(FIRST);
  await app.tick();
  const post = topLevelPosts(double)[0];
  await double.blockAction({ userId: BOB_ADMIN, actionId: 'follow_up_add', channelId: GENERAL, messageTs: post.ts });
  await double.waitForCall('views.open', (c) => double.callsTo('views.open').indexOf(c) === 1);
  const values = {
    'follow_up_what/value': 'Clean up <!channel> & MQA',
    'follow_up_owner/value': ALICE,
    'follow_up_due/value': '2026-11-26',
  };
  const { ack } = await double.submitView({ userId: BOB_ADMIN, viewId: double.topView(BOB_ADMIN)!.id, values });
  expect(ack).toBeUndefined();
  await app.idle();
}

const dmAttempts = (double: SlackDouble) => double.callsTo('chat.postMessage').filter((c) => c.args.channel === ALICE);
const reminderRow = (app: any) =>
  app.db
    .selectFrom('follow_ups')
    .select(['reminded_at', 'remind_attempts', 'remind_next_at', 'remind_lease_until'])
    .executeTakeFirstOrThrow();

describe('follow-up due-date reminders', () => {
  it('backs off 1, 2, 4 minutes after failed DMs and marks the follow-up reminded only once Slack took one', async () => {
    const { double, app, clock } = await start({ start: new Date('2026-11-24T08:00:00Z') });
    await followUpDueFor(double, app, clock);
    double.failNext('chat.postMessage', { error: 'internal_error' }, 3);
    clock.set(DUE_MORNING);
    const at = (minutes: number) => clock.set(new Date(DUE_MORNING.getTime() + minutes * MINUTE));
    await app.tick();
    expect(await reminderRow(app)).toMatchObject({
      reminded_at: null,
      remind_attempts: 1,
      remind_next_at: new Date(DUE_MORNING.getTime() + MINUTE).toISOString(),
    });
    at(0.5);
    await app.tick(); // backing off: no attempt
    expect(dmAttempts(double)).toHaveLength(1);
    at(1);
    await app.tick(); // second failure: next in 2 minutes
    at(2);
    await app.tick();
    expect(dmAttempts(double)).toHaveLength(2);
    at(3);
    await app.tick(); // third failure: next in 4 minutes
    expect(await reminderRow(app)).toMatchObject({
      reminded_at: null,
      remind_attempts: 3,
      remind_next_at: new Date(DUE_MORNING.getTime() + 7 * MINUTE).toISOString(),
    });
    at(6);
    await app.tick();
    expect(dmAttempts(double)).toHaveLength(3);
    at(7);
    await app.tick();
    expect(double.channel(ALICE)!.messages).toHaveLength(1);
    // The notification fallback is mrkdwn too: the typed text is escaped there.
    expect((double.channel(ALICE)!.messages[0] as any).text).toBe(
      'Your follow-up is due today: Clean up &lt;!channel&gt; &amp; MQA',
    );
    expect(await reminderRow(app)).toMatchObject({
      reminded_at: new Date(DUE_MORNING.getTime() + 7 * MINUTE).toISOString(),
      remind_lease_until: null,
    });
    at(120);
    await app.tick();
    expect(double.channel(ALICE)!.messages).toHaveLength(1);
    expect(double.violations).toEqual([]);
  });

  it('sends the DM after an instance died mid-send once its lease is over, instead of losing it', async () => {
    const { double, app, clock } = await start({ start: new Date('2026-11-24T08:00:00Z') });
    await followUpDueFor(double, app, clock);
    // Another instance leased the reminder at 09:00 and crashed before Slack answered.
    await app.db
      .updateTable('follow_ups')
      .set({ remind_lease_until: new Date(DUE_MORNING.getTime() + 40 * MINUTE).toISOString() })
      .execute();
    clock.set(new Date(DUE_MORNING.getTime() + 5 * MINUTE));
    await app.tick();
    expect(dmAttempts(double)).toEqual([]);
    clock.set(new Date(DUE_MORNING.getTime() + 41 * MINUTE));
    await app.tick();
    await app.tick();
    expect(double.channel(ALICE)!.messages).toHaveLength(1);
    expect(double.violations).toEqual([]);
  });

  it('sends one DM when a second instance ticks while the first still waits out a 429', async () => {
    const { double, app, clock, config } = await start({ start: new Date('2026-11-24T08:00:00Z') });
    await followUpDueFor(double, app, clock);
    const other = await startAnother(config, clock.now);
    try {
      await double.waitForConnection();
      clock.set(DUE_MORNING);
      double.failNext('chat.postMessage', { status: 429, retryAfterSeconds: 2 });
      const first = app.tick();
      await double.waitForCall('chat.postMessage', (c) => c.status === 429);
      clock.set(new Date(DUE_MORNING.getTime() + 5 * MINUTE));
      await other.tick();
      await first;
      await other.tick();
      expect(double.channel(ALICE)!.messages).toHaveLength(1);
      expect(double.violations).toEqual([]);
    } finally {
      await other.stop();
    }
  });
});
