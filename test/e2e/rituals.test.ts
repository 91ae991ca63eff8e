import { describe, expect, it } from 'vitest';
import { occurrencesBetween } from '../../src/features/rituals/domain/index.js';
import { blockText } from '../helpers/assess-journey.js';
import { ALICE, BOB_ADMIN, GENERAL, useLoopkeeper } from '../helpers/loopkeeper.js';
import {
  addRitual,
  GTM_REVIEW_VALUES,
  openAddRitual,
  pickCadence,
  postText,
  startAnother,
  topLevelPosts,
} from '../helpers/rituals-journey.js';

const start = useLoopkeeper();
// 2026-11-24 10:00 in Rome (CET) is 09:00 UTC.
const FIRST = new Date('2026-11-24T09:00:00Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const ritualPosts = (app: { db: any }) =>
  app.db
    .selectFrom('ritual_posts')
    .select(['occurrence_at', 'kind', 'status', 'posted_ts', 'attempts', 'late'])
    .orderBy('occurrence_at')
    .execute();

describe('/loop rituals', () => {
  it('lets an admin add a GTM review, previews the next five, rejects impossible input inline, and lists it', async () => {
    const { double, app } = await start();
    const view = await openAddRitual(double);

    // Preview with a bad zone: the problems, no occurrences.
    const state = double.stateValues(view.id, { ...GTM_REVIEW_VALUES, 'ritual_time_zone/value': 'Europe/Atlantis' });
    await double.blockAction({ userId: BOB_ADMIN, actionId: 'ritual_preview', viewId: view.id, stateValues: state });
    await double.waitForCall('views.update');
    expect(blockText(double.view(view.id)!.blocks)).toContain('"Europe/Atlantis" is not a time zone');

    // Preview of the 31st: five dates, and which months fall back.
    await pickCadence(double, view.id, 'monthly_day', GTM_REVIEW_VALUES);
    const {
      'ritual_every_weeks/value': _weeks,
      'ritual_weekday/value': _weekday,
      'ritual_anchor/value': _anchor,
      ...common
    } = GTM_REVIEW_VALUES;
    const monthly = { ...common, 'ritual_cadence/value': 'monthly_day', 'ritual_day/value': '31' };
    await double.blockAction({
      userId: BOB_ADMIN,
      actionId: 'ritual_preview',
      viewId: view.id,
      stateValues: double.stateValues(view.id, monthly),
    });
    await double.waitForCall('views.update', (c) => double.callsTo('views.update').indexOf(c) === 2);
    const previewText = blockText(double.view(view.id)!.blocks);
    expect(previewText).toContain('Next five occurrences');
    expect(previewText).toContain('in February, April, June, September and November the ritual falls back');
    expect((previewText.match(/<!date\^/g) ?? []).length).toBe(5);

    await pickCadence(double, view.id, 'weekly', common);
    const bad = await double.submitView({
      userId: BOB_ADMIN,
      viewId: view.id,
      values: { ...GTM_REVIEW_VALUES, 'ritual_time_zone/value': 'GMT+2', 'ritual_every_weeks/value': '0' },
    });
    expect(bad.ack.response_action).toBe('errors');
    expect(bad.ack.errors.ritual_time_zone).toContain('"GMT+2" is not a time zone');
    expect(bad.ack.errors.ritual_every_weeks).toContain('from 1 to 52');
    expect(await app.db.selectFrom('rituals').selectAll().execute()).toEqual([]);

    const ok = await double.submitView({ userId: BOB_ADMIN, viewId: view.id, values: GTM_REVIEW_VALUES });
    expect(ok.ack).toBeUndefined();
    await app.idle();
    expect(
      await app.db.selectFrom('rituals').select(['kind', 'channel_id', 'local_time', 'time_zone', 'cadence']).execute(),
    ).toEqual([
      {
        kind: 'gtm_review',
        channel_id: GENERAL,
        local_time: '10:00',
        time_zone: 'Europe/Rome',
        cadence: JSON.stringify({ type: 'weekly', everyWeeks: 3, weekday: 2, anchorDate: '2026-11-24' }),
      },
    ]);

    // Everyone can list; the next three occurrences are shown; only admins get buttons.
    await double.slashCommand({ command: '/loop', text: 'rituals', userId: ALICE, channelId: GENERAL });
    await double.waitForCall(
      'response_url',
      (c) => c.args?.blocks && JSON.stringify(c.args.blocks).includes('every 3 weeks'),
    );
    const list = double.ephemeralsFor(ALICE).at(-1)!;
    expect(blockText(list.blocks)).toContain('every 3 weeks on Tuesday from 2026-11-24 at 10:00 (Europe/Rome)');
    for (const at of ['2026-11-24T09:00:00Z', '2026-12-15T09:00:00Z', '2027-01-05T09:00:00Z']) {
      expect(blockText(list.blocks)).toContain(`<!date^${new Date(at).getTime() / 1000}^`);
    }
    expect(JSON.stringify(list.blocks)).not.toContain('ritual_pause');
    expect(blockText(list.blocks)).toContain('Only Loopkeeper admins can add or change rituals');
    expect(double.violations).toEqual([]);
  });

  it('shows admins the add button on an empty list', async () => {
    const { double } = await start();
    await double.slashCommand({ command: '/loop', text: 'rituals', userId: BOB_ADMIN, channelId: GENERAL });
    await double.waitForCall('response_url');
    const list = double.ephemeralsFor(BOB_ADMIN).at(-1)!;
    expect(JSON.stringify(list.blocks)).toContain('ritual_add');
    expect(double.callsTo('views.open')).toEqual([]);
    expect(double.violations).toEqual([]);
  });

  it('pauses, resumes, skips the next occurrence and deletes from the list', async () => {
    const { double, app, clock } = await start({ start: new Date('2026-11-20T10:00:00Z') });
    await addRitual(double, app);
    await double.slashCommand({ command: '/loop', text: 'rituals', userId: BOB_ADMIN, channelId: GENERAL });
    await double.waitForCall('response_url', (c) => JSON.stringify(c.args ?? {}).includes('ritual_skip_next'));

    await double.blockAction({ userId: BOB_ADMIN, actionId: 'ritual_skip_next', value: '1' });
    await app.idle();
    await double.waitForCall('response_url', (c) => JSON.stringify(c.args ?? {}).includes('skipped'));
    expect((await app.db.selectFrom('rituals').select('skip_dates').executeTakeFirst())?.skip_dates).toBe(
      '["2026-11-24"]',
    );

    await double.blockAction({ userId: BOB_ADMIN, actionId: 'ritual_pause', value: '1' });
    await double.waitForCall('response_url', (c) => JSON.stringify(c.args ?? {}).includes('paused'));
    clock.set(new Date('2026-12-15T09:00:00Z'));
    await app.tick();
    clock.set(new Date('2026-12-15T12:00:00Z'));
    await app.tick();
    expect(topLevelPosts(double)).toHaveLength(0);

    await double.blockAction({ userId: BOB_ADMIN, actionId: 'ritual_resume', value: '1' });
    await double.waitForCall('response_url', (c) => JSON.stringify(c.args ?? {}).includes('resumed'));
    await app.tick();
    // What fell in the pause is neither posted nor reported missed.
    expect(await ritualPosts(app)).toEqual([]);
    clock.set(new Date('2027-01-05T09:00:00Z'));
    await app.tick();
    expect(topLevelPosts(double)).toHaveLength(1);

    await double.blockAction({ userId: BOB_ADMIN, actionId: 'ritual_delete', value: '1' });
    await double.waitForCall('response_url', (c) => JSON.stringify(c.args ?? {}).includes('deleted'));
    clock.set(new Date('2027-01-26T09:00:00Z'));
    await app.tick();
    expect(topLevelPosts(double)).toHaveLength(1);
    expect(double.violations).toEqual([]);
  });
});

describe('ritual posts', () => {
  it('posts once per occurrence over several simulated months, at 10:00 Rome time across the DST change', async () => {
    const { double, app, clock } = await start({ start: new Date('2026-11-20T08:00:00Z') });
    await addRitual(double, app);
    const schedule = {
      cadence: { type: 'weekly' as const, everyWeeks: 3, weekday: 2, anchorDate: '2026-11-24' },
      localTime: '10:00',
      timeZone: 'Europe/Rome',
      skipDates: [],
      paused: false,
    };
    const end = new Date('2026-04-06T00:00:00Z'.replace('2026-04', '2027-04'));
    const expected = occurrencesBetween(schedule, clock.now(), end);
    expect(expected.map((d) => d.toISOString())).toContain('2027-03-30T08:00:00.000Z'); // 10:00 CEST after the change

    // Tick every 4 hours, twice at each occurrence (a duplicate tick), and once a minute after it.
    const times = new Set<number>();
    for (let t = clock.now().getTime(); t < end.getTime(); t += 4 * HOUR) times.add(t);
    for (const at of expected) for (const t of [at.getTime(), at.getTime() + MINUTE]) times.add(t);
    for (const t of [...times].sort((a, b) => a - b)) {
      clock.set(new Date(t));
      await app.tick();
      if (expected.some((e) => e.getTime() === t)) await app.tick();
    }
    const posts = topLevelPosts(double);
    expect(posts).toHaveLength(expected.length);
    expect((await ritualPosts(app)).map((p: any) => [p.occurrence_at, p.status, p.late])).toEqual(
      expected.map((d) => [d.toISOString(), 'posted', 0]),
    );
    expect(double.callsTo('chat.postMessage').filter((c) => c.args.channel === GENERAL)).toHaveLength(expected.length);
    expect(postText(posts[0])).toContain('Feedback-loop assessment');
    expect(postText(posts[0])).toContain('No assessment has been taken yet');
    expect(double.violations).toEqual([]);
  }, 120_000);

  it('posts once after a restart in the middle of a due occurrence (Slack got it / Slack did not)', async () => {
    const { double, app, clock, config } = await start({ start: new Date('2026-11-24T08:00:00Z') });
    await addRitual(double, app);
    clock.set(FIRST);
    await app.tick();
    expect(topLevelPosts(double)).toHaveLength(1);
    const ts = topLevelPosts(double)[0].ts;
    // Crash after Slack took the message but before the database recorded it.
    await app.db
      .updateTable('ritual_posts')
      .set({
        status: 'pending',
        posted_ts: null,
        in_flight_since: FIRST.toISOString(),
        lease_until: new Date(FIRST.getTime() + 40 * MINUTE).toISOString(),
      })
      .execute();
    await app.stop();

    const restarted = await startAnother(config, clock.now);
    try {
      await double.waitForConnection();
      clock.set(new Date(FIRST.getTime() + 5 * MINUTE));
      await restarted.tick(); // the lease still holds: nobody posts
      clock.set(new Date(FIRST.getTime() + 41 * MINUTE));
      await restarted.tick(); // lease over: finds the message in the channel, records it
      expect(topLevelPosts(double)).toHaveLength(1);
      expect((await ritualPosts(restarted))[0]).toMatchObject({ status: 'posted', posted_ts: ts });

      // Next occurrence: crash after claiming, before Slack got anything.
      const second = new Date('2026-12-15T09:00:00Z');
      await restarted.db
        .insertInto('ritual_posts')
        .values({
          team_id: 'T0TEST',
          ritual_id: 1,
          occurrence_at: second.toISOString(),
          kind: 'post',
          status: 'pending',
          next_attempt_at: second.toISOString(),
          lease_until: new Date(second.getTime() + 40 * MINUTE).toISOString(),
          in_flight_since: second.toISOString(),
          channel_id: GENERAL,
          created_at: second.toISOString(),
        })
        .execute();
      clock.set(new Date(second.getTime() + 41 * MINUTE));
      await restarted.tick();
      await restarted.tick();
      expect(topLevelPosts(double)).toHaveLength(2);
      expect(postText(topLevelPosts(double)[1])).toContain('Posted late');
      expect(double.violations).toEqual([]);
    } finally {
      await restarted.stop();
    }
  });

  it('posts once with two app instances on one database', async () => {
    const { double, app, clock, config } = await start({ start: new Date('2026-11-24T08:00:00Z') });
    await addRitual(double, app);
    const other = await startAnother(config, clock.now);
    try {
      await double.waitForConnection();
      for (const at of [FIRST, new Date(FIRST.getTime() + MINUTE), new Date('2026-12-15T09:00:00Z')]) {
        clock.set(at);
        await Promise.all([app.tick(), other.tick(), app.tick(), other.tick()]);
      }
      expect(topLevelPosts(double)).toHaveLength(2);
      expect((await ritualPosts(app)).map((p: any) => p.status)).toEqual(['posted', 'posted']);
      expect(double.violations).toEqual([]);
    } finally {
      await other.stop();
    }
  });

  it('catches up inside the grace window with a "posted late" note; outside it records a miss and mentions it next time', async () => {
    const { double, app, clock } = await start({ start: new Date('2026-11-24T08:00:00Z') });
    await addRitual(double, app);
    clock.set(new Date(FIRST.getTime() + 3 * HOUR)); // the bot was down for the occurrence
    await app.tick();
    expect(topLevelPosts(double)).toHaveLength(1);
    expect(postText(topLevelPosts(double)[0])).toContain('Posted late');

    const second = new Date('2026-12-15T09:00:00Z');
    clock.set(new Date(second.getTime() + 7 * HOUR)); // down past the 6-hour grace window
    await app.tick();
    expect(topLevelPosts(double)).toHaveLength(1);
    expect((await ritualPosts(app)).map((p: any) => p.status)).toEqual(['posted', 'missed']);

    clock.set(new Date('2027-01-05T09:00:00Z'));
    await app.tick();
    const third = topLevelPosts(double)[1];
    expect(postText(third)).toContain('Missed while Loopkeeper was offline');
    expect(postText(third)).toContain(`<!date^${second.getTime() / 1000}^`);
    expect(postText(third)).not.toContain('Posted late');
    expect(double.violations).toEqual([]);
  });

  it.each([
    ['a 500', { status: 500 }],
    ['a 429', { status: 429, retryAfterSeconds: 1 }],
  ] as const)('retries after %s from Slack with backoff and posts once', async (_name, fault) => {
    const { double, app, clock } = await start({ start: new Date('2026-11-24T08:00:00Z') });
    await addRitual(double, app);
    // More failures than the client's own retries (2): the failure reaches the app.
    double.failNext('chat.postMessage', fault as any, 3);
    clock.set(FIRST);
    await app.tick();
    expect(topLevelPosts(double)).toHaveLength(0);
    expect(await ritualPosts(app)).toMatchObject([{ status: 'pending', attempts: 1, posted_ts: null }]);

    clock.set(new Date(FIRST.getTime() + 30_000)); // before the backoff: no attempt
    await app.tick();
    expect(double.callsTo('chat.postMessage').filter((c) => c.args.channel === GENERAL)).toHaveLength(3);

    clock.set(new Date(FIRST.getTime() + MINUTE));
    await app.tick();
    expect(topLevelPosts(double)).toHaveLength(1);
    expect(await ritualPosts(app)).toMatchObject([{ status: 'posted', attempts: 2 }]);
    await app.tick();
    expect(topLevelPosts(double)).toHaveLength(1);
    expect(double.violations).toEqual([]);
  });
});
