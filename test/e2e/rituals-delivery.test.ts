import { describe, expect, it } from 'vitest';
import type { SlackDouble } from '../../src/slack-double/index.js';
import { ALICE, ARCHIVED, BOB_ADMIN, GENERAL, setLoopkeeperAdmin, useLoopkeeper } from '../helpers/loopkeeper.js';
import { addRitual, GTM_REVIEW_VALUES, openAddRitual, topLevelPosts } from '../helpers/rituals-journey.js';

const start = useLoopkeeper();
// 2026-11-24 10:00 in Rome (CET) is 09:00 UTC.
const FIRST = new Date('2026-11-24T09:00:00Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const ritualPosts = (app: { db: any }) =>
  app.db
    .selectFrom('ritual_posts')
    .select(['kind', 'status', 'channel_id', 'attempts', 'problem_told'])
    .orderBy('occurrence_at')
    .orderBy('kind')
    .execute();
const problemDms = (double: SlackDouble) =>
  (double.channel(BOB_ADMIN)?.messages ?? []).filter((m: any) => String(m.text).includes('I could not post'));

/** `/loop rituals` -> "Edit" on ritual 1 -> submit with `values`, as the admin. */
async function editRitual(double: SlackDouble, app: { idle(): Promise<void> }, values: Record<string, unknown>) {
  const before = double.callsTo('views.open').length;
  await double.slashCommand({ command: '/loop', text: 'rituals', userId: BOB_ADMIN, channelId: GENERAL });
  await double.waitForCall('response_url', (c) => JSON.stringify(c.args).includes('ritual_edit'));
  await double.blockAction({ userId: BOB_ADMIN, actionId: 'ritual_edit', value: '1' });
  await double.waitForCall('views.open', (c) => double.callsTo('views.open').indexOf(c) >= before);
  const { ack } = await double.submitView({ userId: BOB_ADMIN, viewId: double.topView(BOB_ADMIN)!.id, values });
  expect(ack).toBeUndefined();
  await app.idle();
}

describe('ritual delivery', () => {
  it('moves a failing post to the channel an admin picks instead of retrying the old one, and posts it once', async () => {
    const { double, app, clock } = await start({ start: new Date('2026-11-24T08:00:00Z') });
    await addRitual(double, app, { ...GTM_REVIEW_VALUES, 'ritual_channel/value': ARCHIVED });
    clock.set(FIRST);
    await app.tick();
    expect(double.channel(ARCHIVED)!.messages).toEqual([]);
    expect(await ritualPosts(app)).toMatchObject([{ status: 'pending', channel_id: ARCHIVED, attempts: 1 }]);
    expect(problemDms(double)).toHaveLength(1);

    await editRitual(double, app, { ...GTM_REVIEW_VALUES, 'ritual_channel/value': GENERAL });
    clock.set(new Date(FIRST.getTime() + 2 * MINUTE));
    await app.tick();
    await app.tick();
    expect(topLevelPosts(double)).toHaveLength(1);
    expect(double.channel(ARCHIVED)!.messages).toEqual([]);
    expect(await ritualPosts(app)).toMatchObject([{ status: 'posted', channel_id: GENERAL, attempts: 2 }]);
    expect(double.violations).toEqual([]);
  });

  it('tells the creator once about a channel problem even when the first failure was something else', async () => {
    const { double, app, clock } = await start({ start: new Date('2026-11-24T08:00:00Z') });
    await addRitual(double, app, { ...GTM_REVIEW_VALUES, 'ritual_channel/value': ARCHIVED });
    double.failNext('chat.postMessage', { error: 'internal_error' });
    clock.set(FIRST);
    await app.tick();
    expect(problemDms(double)).toEqual([]);
    clock.advance(MINUTE);
    await app.tick(); // now Slack says the channel is archived: the creator hears it
    expect(problemDms(double)).toHaveLength(1);
    expect(problemDms(double)[0]!.text).toContain('The channel is archived');
    clock.advance(2 * MINUTE);
    await app.tick(); // still archived: no second DM
    expect(problemDms(double)).toHaveLength(1);
    expect(await ritualPosts(app)).toMatchObject([{ status: 'pending', attempts: 3, problem_told: 1 }]);
    expect(double.violations).toEqual([]);
  });

  it('skips a heads-up still failing when its meeting starts, and escapes the typed name in the fallback text', async () => {
    const { double, app, clock } = await start({ start: new Date('2026-11-24T05:00:00Z') });
    await addRitual(double, app, {
      ...GTM_REVIEW_VALUES,
      'ritual_name/value': '<!channel> & GTM',
      'ritual_heads_up/value': '24',
    });
    double.failNext('chat.postMessage', { error: 'internal_error' });
    clock.set(new Date(FIRST.getTime() - 2 * HOUR));
    await app.tick();
    expect(await ritualPosts(app)).toMatchObject([{ kind: 'heads_up', status: 'pending', attempts: 1 }]);

    clock.set(FIRST); // the retry is due, but so is the meeting
    await app.tick();
    const posts = topLevelPosts(double);
    expect(posts).toHaveLength(1);
    expect(posts[0].text).toBe('&lt;!channel&gt; &amp; GTM');
    expect(await ritualPosts(app)).toMatchObject([
      { kind: 'heads_up', status: 'skipped' },
      { kind: 'post', status: 'posted' },
    ]);
    clock.advance(HOUR);
    await app.tick();
    expect(topLevelPosts(double)).toHaveLength(1);
    expect(double.violations).toEqual([]);
  });

  it('acks the ritual modal before the admin check, which may wait on Slack; a non-admin is told privately and nothing is saved', async () => {
    const { double, app } = await start();
    // Alice is a Loopkeeper admin while she opens the modal, and no longer one when she submits it.
    await setLoopkeeperAdmin(app, ALICE);
    const view = await openAddRitual(double, ALICE);
    await setLoopkeeperAdmin(app, ALICE, false);

    // Inline errors still come with the ack.
    const bad = await double.submitView({
      userId: ALICE,
      viewId: view.id,
      values: { ...GTM_REVIEW_VALUES, 'ritual_time_zone/value': 'Mars/Base' },
    });
    expect(bad.ack.response_action).toBe('errors');

    // users.info now takes 4 s (a 429): an admin check before ack() would miss Slack's 3-second budget.
    double.failNext('users.info', { status: 429, retryAfterSeconds: 4 });
    const { ack } = await double.submitView({ userId: ALICE, viewId: view.id, values: GTM_REVIEW_VALUES });
    expect(ack).toBeUndefined();
    await app.idle();
    expect(await app.db.selectFrom('rituals').selectAll().execute()).toEqual([]);
    expect((double.channel(ALICE)?.messages ?? []).map((m: any) => m.text).join('\n')).toContain('admin');
    expect(double.violations).toEqual([]);
  });
});
