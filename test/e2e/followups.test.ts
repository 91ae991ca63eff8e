import { describe, expect, it } from 'vitest';
import { blockText } from '../helpers/assess-journey.js';
import { ALICE, BOB_ADMIN, GENERAL, useLoopkeeper } from '../helpers/loopkeeper.js';
import { addRitual, postText, topLevelPosts } from '../helpers/rituals-journey.js';

const start = useLoopkeeper();
const FIRST = new Date('2026-11-24T09:00:00Z'); // 10:00 in Rome

describe('follow-up actions', () => {
  it('adds a follow-up from a ritual post, lists it in the thread and in /loop followups, reminds the owner on the due date, and marks it done', async () => {
    const { double, app, clock } = await start({ start: new Date('2026-11-24T08:00:00Z') });
    await addRitual(double, app);
    clock.set(FIRST);
    await app.tick();
    const post = topLevelPosts(double)[0];

    await double.blockAction({ userId: BOB_ADMIN, actionId: 'follow_up_add', channelId: GENERAL, messageTs: post.ts });
    await double.waitForCall('views.open', (c) => double.callsTo('views.open').indexOf(c) === 1);
    const view = double.topView(BOB_ADMIN)!;
    const values = {
      'follow_up_what/value': '<!channel> clean up the MQA list & owners',
      'follow_up_owner/value': ALICE,
      'follow_up_due/value': '2026-11-20',
    };
    const past = await double.submitView({ userId: BOB_ADMIN, viewId: view.id, values });
    expect(past.ack.response_action).toBe('errors');
    expect(past.ack.errors.follow_up_due).toContain('The due date is in the past');

    const added = await double.submitView({
      userId: BOB_ADMIN,
      viewId: view.id,
      values: { ...values, 'follow_up_due/value': '2026-11-26' },
    });
    expect(added.ack).toBeUndefined();
    await app.idle();
    const thread: any[] = double
      .channel(GENERAL)!
      .messages.filter((m: any) => m.thread_ts === post.ts && m.ts !== post.ts);
    expect(thread).toHaveLength(1);
    expect(blockText(thread[0].blocks)).toContain(
      '&lt;!channel&gt; clean up the MQA list &amp; owners — <@U0ALICE>, due 2026-11-26',
    );
    expect(
      await app.db
        .selectFrom('follow_ups')
        .select(['what', 'owner_id', 'due_date', 'status', 'thread_message_ts'])
        .execute(),
    ).toEqual([
      {
        what: '<!channel> clean up the MQA list & owners',
        owner_id: ALICE,
        due_date: '2026-11-26',
        status: 'open',
        thread_message_ts: thread[0].ts,
      },
    ]);

    await double.slashCommand({ command: '/loop', text: 'followups', userId: ALICE, channelId: GENERAL });
    await double.waitForCall('response_url', (c) => JSON.stringify(c.args ?? {}).includes('open follow-up actions'));
    expect(blockText(double.ephemeralsFor(ALICE).at(-1)?.blocks)).toContain('Your open follow-up actions (1)');
    expect(double.ephemeralsFor(ALICE).at(-1)?.text).toBe('You have 1 open follow-up action.');

    // Due date, 08:00 in Rome: not yet; 09:00: one DM, once.
    clock.set(new Date('2026-11-26T07:00:00Z'));
    await app.tick();
    expect(double.channel(ALICE)!.messages).toHaveLength(0);
    clock.set(new Date('2026-11-26T08:00:00Z'));
    await app.tick();
    await app.tick();
    const dms: any[] = double.channel(ALICE)!.messages;
    expect(dms).toHaveLength(1);
    expect(blockText(dms[0].blocks)).toContain('Your follow-up is due today (2026-11-26)');

    // Done from the thread: the thread message loses its button; the list is empty.
    await double.blockAction({
      userId: ALICE,
      actionId: 'follow_up_done',
      channelId: GENERAL,
      messageTs: thread[0].ts,
    });
    await double.waitForCall('chat.update');
    expect(await app.db.selectFrom('follow_ups').select(['status', 'done_by']).executeTakeFirst()).toEqual({
      status: 'done',
      done_by: ALICE,
    });
    const updated: any = double.channel(GENERAL)!.messages.find((m: any) => m.ts === thread[0].ts);
    expect(JSON.stringify(updated.blocks)).not.toContain('follow_up_done');
    expect(blockText(updated.blocks)).toContain('Done by <@U0ALICE>');

    await double.slashCommand({ command: '/loop', text: 'followups', userId: ALICE, channelId: GENERAL });
    await double.waitForCall('response_url', (c) => JSON.stringify(c.args ?? {}).includes('no open follow-up actions'));

    // The next review's digest shows it done in the period.
    clock.set(new Date('2026-12-15T09:00:00Z'));
    await app.tick();
    const review = topLevelPosts(double)[1];
    expect(postText(review)).toContain('Done since the last review (1)');
    expect(postText(review)).toContain('&lt;!channel&gt; clean up the MQA list');
    expect(double.violations).toEqual([]);
  });

  it('lists the open follow-ups of the previous monthly sync in the next one', async () => {
    const { double, app, clock } = await start({ start: new Date('2026-11-30T08:00:00Z') });
    await addRitual(double, app, {
      'ritual_kind/value': 'monthly_sync',
      'ritual_channel/value': GENERAL,
      'ritual_cadence/value': 'monthly_weekday',
      'ritual_nth/value': '1',
      'ritual_weekday/value': '4',
      'ritual_time/value': '15:00',
      'ritual_time_zone/value': 'America/New_York',
    });
    clock.set(new Date('2026-12-03T20:00:00Z')); // first Thursday, 15:00 EST
    await app.tick();
    const first = topLevelPosts(double)[0];
    expect(postText(first)).toContain('This is the first sync');

    await double.blockAction({ userId: BOB_ADMIN, actionId: 'follow_up_add', channelId: GENERAL, messageTs: first.ts });
    await double.waitForCall('views.open', (c) => double.callsTo('views.open').indexOf(c) === 1);
    const view = double.topView(BOB_ADMIN)!;
    await double.submitView({
      userId: BOB_ADMIN,
      viewId: view.id,
      values: {
        'follow_up_what/value': 'Agree the Q1 MQA criteria',
        'follow_up_owner/value': BOB_ADMIN,
        'follow_up_due/value': '2027-01-30',
      },
    });
    await app.idle();

    clock.set(new Date('2027-01-07T20:00:00Z'));
    await app.tick();
    const second = topLevelPosts(double)[1];
    expect(postText(second)).toContain('Open follow-ups from the previous sync');
    expect(postText(second)).toContain('Agree the Q1 MQA criteria');
    expect(double.violations).toEqual([]);
  });
});
