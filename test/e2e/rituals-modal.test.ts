import { describe, expect, it } from 'vitest';
import { blockText } from '../helpers/assess-journey.js';
import { BOB_ADMIN, GENERAL, useLoopkeeper } from '../helpers/loopkeeper.js';
import {
  addRitual,
  GTM_REVIEW_VALUES,
  inputBlockIds,
  openAddRitual,
  pickCadence,
  postText,
  topLevelPosts,
} from '../helpers/rituals-journey.js';

const COMMON = ['ritual_kind', 'ritual_name', 'ritual_channel', 'ritual_cadence'];
const AFTER = ['ritual_time', 'ritual_time_zone', 'ritual_skip_dates', 'ritual_heads_up'];
const initial = (view: any, blockId: string) => {
  const el = view.blocks.find((b: any) => b.block_id === blockId)?.element;
  return (
    el?.initial_value ?? el?.initial_option?.value ?? el?.initial_time ?? el?.initial_date ?? el?.initial_conversation
  );
};

const start = useLoopkeeper();

describe('the ritual modal', () => {
  it('echoes bad skip dates exactly as they were typed, and stores nothing', async () => {
    const { double, app } = await start();
    const view = await openAddRitual(double);
    const bad = await double.submitView({
      userId: BOB_ADMIN,
      viewId: view.id,
      values: { ...GTM_REVIEW_VALUES, 'ritual_skip_dates/value': '2027-01-05, 2027-02-30, next tuesday' },
    });
    expect(bad.ack.response_action).toBe('errors');
    expect(bad.ack.errors).toEqual({
      ritual_skip_dates: 'Not a date: "2027-02-30", "next tuesday". Use YYYY-MM-DD, separated by commas.',
    });
    expect(await app.db.selectFrom('rituals').selectAll().execute()).toEqual([]);
    expect(double.violations).toEqual([]);
  });

  it("shows only the chosen cadence's fields, keeps what was typed, and saves no weeks on a monthly ritual", async () => {
    const { double, app } = await start();
    const view = await openAddRitual(double);
    expect(inputBlockIds(view)).toEqual([...COMMON, 'ritual_every_weeks', 'ritual_weekday', 'ritual_anchor', ...AFTER]);
    expect(view.blocks.find((b: any) => b.block_id === 'ritual_cadence').dispatch_action).toBe(true);

    const typed = {
      ...GTM_REVIEW_VALUES,
      'ritual_name/value': 'Pipeline <review>',
      'ritual_time/value': '08:30',
      'ritual_time_zone/value': 'America/New_York',
      'ritual_skip_dates/value': '2027-01-26',
      'ritual_heads_up/value': '24',
    };
    const monthlyDay = await pickCadence(double, view.id, 'monthly_day', typed);
    expect(inputBlockIds(monthlyDay)).toEqual([...COMMON, 'ritual_day', ...AFTER]);
    expect(monthlyDay.blocks.map((b: any) => b.label?.text).filter(Boolean)).not.toContain('Every N weeks');
    expect(
      [
        'ritual_kind',
        'ritual_name',
        'ritual_channel',
        'ritual_cadence',
        'ritual_day',
        'ritual_time',
        'ritual_time_zone',
        'ritual_skip_dates',
        'ritual_heads_up',
      ].map((b) => initial(monthlyDay, b)),
    ).toEqual([
      'gtm_review',
      'Pipeline <review>',
      GENERAL,
      'monthly_day',
      '1',
      '08:30',
      'America/New_York',
      '2027-01-26',
      '24',
    ]);

    // Monthly on the nth weekday: the weekday typed for "every N weeks" is gone with its block; Thursday by default.
    const nth = await pickCadence(double, view.id, 'monthly_weekday', { 'ritual_day/value': '15' });
    expect(inputBlockIds(nth)).toEqual([...COMMON, 'ritual_nth', 'ritual_weekday', ...AFTER]);
    expect([initial(nth, 'ritual_nth'), initial(nth, 'ritual_weekday'), initial(nth, 'ritual_name')]).toEqual([
      '1',
      '4',
      'Pipeline <review>',
    ]);

    const saved = await double.submitView({
      userId: BOB_ADMIN,
      viewId: view.id,
      values: { 'ritual_nth/value': 'last', 'ritual_weekday/value': '5' },
    });
    expect(saved.ack).toBeUndefined();
    await app.idle();
    expect(
      await app.db
        .selectFrom('rituals')
        .select(['name', 'cadence', 'local_time', 'time_zone', 'skip_dates', 'heads_up_hours'])
        .execute(),
    ).toEqual([
      {
        name: 'Pipeline <review>',
        cadence: JSON.stringify({ type: 'monthly_weekday', nth: -1, weekday: 5 }),
        local_time: '08:30',
        time_zone: 'America/New_York',
        skip_dates: '["2027-01-26"]',
        heads_up_hours: 24,
      },
    ]);

    // Editing it back to every N weeks brings that cadence's fields back with the GTM review's three weeks.
    await double.slashCommand({ command: '/loop', text: 'rituals', userId: BOB_ADMIN, channelId: GENERAL });
    await double.waitForCall('response_url', (c) => JSON.stringify(c.args ?? {}).includes('ritual_edit'));
    expect(blockText(double.ephemeralsFor(BOB_ADMIN).at(-1)!.blocks)).toContain(
      'the last Friday of each month at 08:30 (America/New_York)',
    );
    const opened = double.callsTo('views.open').length;
    await double.blockAction({ userId: BOB_ADMIN, actionId: 'ritual_edit', value: '1' });
    await double.waitForCall('views.open', (c) => double.callsTo('views.open').indexOf(c) >= opened);
    const edit = double.topView(BOB_ADMIN)!;
    expect(inputBlockIds(edit)).toEqual([...COMMON, 'ritual_nth', 'ritual_weekday', ...AFTER]);
    const weekly = await pickCadence(double, edit.id, 'weekly');
    expect(inputBlockIds(weekly)).toEqual([
      ...COMMON,
      'ritual_every_weeks',
      'ritual_weekday',
      'ritual_anchor',
      ...AFTER,
    ]);
    expect([
      initial(weekly, 'ritual_every_weeks'),
      initial(weekly, 'ritual_weekday'),
      initial(weekly, 'ritual_anchor'),
    ]).toEqual(['3', '5', '2026-11-23']);
    expect(double.violations).toEqual([]);
  });
});

describe('ritual times', () => {
  // Every Sunday in Rome from 2027-03-21; clocks go from 02:00 to 03:00 on Sunday 2027-03-28.
  const sundays = (localTime: string) => ({
    ...GTM_REVIEW_VALUES,
    'ritual_every_weeks/value': '1',
    'ritual_weekday/value': '7',
    'ritual_anchor/value': '2027-03-21',
    'ritual_time/value': localTime,
  });
  const token = (iso: string, format: string, fallback: string) =>
    `<!date^${new Date(iso).getTime() / 1000}^${format}|${fallback}>`;
  const GAP_NOTE = '02:30 does not exist that day (clocks go forward), so it posts at 03:30';

  it("previews state the ritual's own time in its zone, and what happens on the spring-forward day", async () => {
    const { double } = await start({ start: new Date('2027-03-20T12:00:00Z') });
    const view = await openAddRitual(double);
    const preview = async (localTime: string) => {
      const before = double.callsTo('views.update').length;
      await double.blockAction({
        userId: BOB_ADMIN,
        actionId: 'ritual_preview',
        viewId: view.id,
        stateValues: double.stateValues(view.id, sundays(localTime)),
      });
      await double.waitForCall('views.update', (c) => double.callsTo('views.update').indexOf(c) >= before);
      return blockText(double.view(view.id)!.blocks);
    };

    const existing = await preview('03:30');
    const long = '{date_long_pretty} at {time}';
    expect(existing).toContain(
      `• ${token('2027-03-21T02:30:00Z', long, 'Sun 21 Mar 2027, 03:30 Europe/Rome')} (Sun 21 Mar 2027, 03:30 Europe/Rome)`,
    );
    expect(existing).toContain(
      `• ${token('2027-03-28T01:30:00Z', long, 'Sun 28 Mar 2027, 03:30 Europe/Rome')} (Sun 28 Mar 2027, 03:30 Europe/Rome)\n`,
    );
    expect(existing).not.toContain('UTC');

    const missing = await preview('02:30');
    expect(missing).toContain(
      `• ${token('2027-03-21T01:30:00Z', long, 'Sun 21 Mar 2027, 02:30 Europe/Rome')} (Sun 21 Mar 2027, 02:30 Europe/Rome)`,
    );
    expect(missing).toContain(
      `• ${token('2027-03-28T01:30:00Z', long, 'Sun 28 Mar 2027, 03:30 Europe/Rome')} (Sun 28 Mar 2027, 03:30 Europe/Rome: ${GAP_NOTE})`,
    );
    expect(missing).toContain(
      `• ${token('2027-04-04T00:30:00Z', long, 'Sun 4 Apr 2027, 02:30 Europe/Rome')} (Sun 4 Apr 2027, 02:30 Europe/Rome)`,
    );
    expect(missing).not.toContain('UTC');
    expect(double.violations).toEqual([]);
  });

  it('the list, the confirmation and the post say the same, and the post goes out at that time', async () => {
    const { double, app, clock } = await start({ start: new Date('2027-03-22T12:00:00Z') });
    await addRitual(double, app, sundays('02:30'));
    const short = '{date_short_pretty} at {time}';
    const spring = `${token('2027-03-28T01:30:00Z', short, 'Sun 28 Mar 2027, 03:30 Europe/Rome')} (Sun 28 Mar 2027, 03:30 Europe/Rome: ${GAP_NOTE})`;
    const confirmation = blockText(double.channel(BOB_ADMIN)!.messages.at(-1)!.blocks);
    expect(confirmation).toContain(`Next: ${spring} · `);

    await double.slashCommand({ command: '/loop', text: 'rituals', userId: BOB_ADMIN, channelId: GENERAL });
    await double.waitForCall('response_url', (c) => JSON.stringify(c.args ?? {}).includes('ritual_edit'));
    const list = blockText(double.ephemeralsFor(BOB_ADMIN).at(-1)!.blocks);
    expect(list).toContain(
      `Next:\n• ${spring}\n• ${token('2027-04-04T00:30:00Z', short, 'Sun 4 Apr 2027, 02:30 Europe/Rome')} (Sun 4 Apr 2027, 02:30 Europe/Rome)\n• `,
    );
    expect(list).not.toContain('UTC');

    clock.set(new Date('2027-03-28T01:29:00Z'));
    await app.tick();
    expect(topLevelPosts(double)).toHaveLength(0);
    clock.set(new Date('2027-03-28T01:30:00Z'));
    await app.tick();
    expect(topLevelPosts(double)).toHaveLength(1);
    // The digest covers the time since the previous occurrence, dated in Rome.
    expect(postText(topLevelPosts(double)[0])).toContain(
      `${spring} · covering ${token('2027-03-21T01:30:00Z', '{date_short_pretty}', 'Sun 21 Mar 2027')} to now`,
    );
    expect(postText(topLevelPosts(double)[0])).not.toContain('UTC');
    expect(double.violations).toEqual([]);
  });
});
