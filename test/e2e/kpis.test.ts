import { describe, expect, it } from 'vitest';
import { runDataImport } from '../../src/cli/data-import.js';
import { blockText } from '../helpers/assess-journey.js';
import { ALICE, GENERAL, useLoopkeeper } from '../helpers/loopkeeper.js';
import { addRitual, postText, topLevelPosts } from '../helpers/rituals-journey.js';
import { tableRows } from '../helpers/table.js';

const start = useLoopkeeper();
const TEAM = 'T0TEST';
// The GTM review of rituals-journey.ts: every 3 weeks on Tuesday 10:00 Rome from 2026-11-24 (09:00 UTC).
const REVIEW_AT = new Date('2026-11-24T09:00:00Z');

async function importExamples(databaseUrl: string) {
  const errors: string[] = [];
  for (const kind of ['leads', 'touchpoints', 'deals', 'spend']) {
    const code = await runDataImport([kind, `examples/gtm/${kind}.csv`, '--team', TEAM], {
      databaseUrl,
      out: () => {},
      err: (l) => errors.push(l),
    });
    expect(code, errors.join('\n')).toBe(0);
  }
}

/** The figures the example files give for the whole days 2026-11-03 to 2026-11-23, against the 21 days before. */
const EXPECTED_ROWS = [
  ['KPI', 'This period', 'Before', 'Change'],
  ['Subscribers entered', '0', '1', '▼ −1 (−100 %)'],
  ['Leads entered', '1', '1', '–'],
  ['Engaged Leads entered', '0', '0', '–'],
  ['MQLs entered', '1', '1', '–'],
  ['SQLs entered', '1', '0', '▲ +1'],
  ['MQL → SQL (0 of 1 MQL)', '0 %', '0 %', '–'],
  ['Subscriber → Lead', '–', '0 %', '–'],
  ['Lead → Engaged Lead', '0 %', '0 %', '–'],
  ['Engaged Lead → MQL', '–', '–', '–'],
  ['MQL → SQL', '0 %', '0 %', '–'],
  ['Median days as Subscriber', '3.0 d', '–', '–'],
  ['Median days as Lead', '21.0 d', '–', '–'],
  ['Median days as Engaged Lead', '–', '23.4 d', '–'],
  ['Median days as MQL', '3.6 d', '–', '–'],
  ['Pipeline created (deals)', '2', '0', '▲ +2'],
  ['Deals won', '1', '0', '▲ +1'],
  ['Deals lost', '1', '0', '▲ +1'],
  ['Win rate', '50 %', '–', '–'],
  ['Pipeline (EUR)', 'EUR 42,000.50', 'EUR 0', '▲ +EUR 42,000.50'],
  ['Won (EUR)', 'EUR 24,000', 'EUR 0', '▲ +EUR 24,000'],
  ['Average deal size (EUR)', 'EUR 24,000', '–', '–'],
  ['Sales cycle (won deals, mean)', '12.0 d', '–', '–'],
  ['CAC payback (EUR)', '3.0 months', '–', '–'],
  ['CAC (EUR)', 'EUR 5,950', '–', '–'],
];

/** What the table does not hold stays text beside it. */
const EXPECTED_LINES = [
  '*Top channels by time-decay credit* (7-day half-life; 1 of 1 MQL had touches)',
  '1. paid_search: 1.0 (100 %)',
  '*OLS/CS credit: won deals (50/50, 100 % when the same)*',
  '• sales_outreach: 0.5 deals · EUR 12,000',
  '• webinar: 0.5 deals · EUR 12,000',
  '*OLS/CS credit: pipeline created*',
  '• paid_search: 1 deal · EUR 18,000.50',
  '• sales_outreach: 0.5 deals · EUR 12,000',
  '• webinar: 0.5 deals · EUR 12,000',
];

describe('GTM KPIs', () => {
  it('imported data shows up with the right numbers in the GTM review digest', async () => {
    // The first review covers the time since the ritual was added: add it three weeks before, so both views cover the same period.
    const { double, app, clock, databaseUrl } = await start({ start: new Date('2026-11-03T09:00:00Z') });
    await addRitual(double, app);
    await importExamples(databaseUrl);
    clock.set(REVIEW_AT);
    await app.tick();
    await app.idle();
    const posts = topLevelPosts(double, GENERAL);
    expect(posts).toHaveLength(1);
    const text = blockText(posts[0].blocks);
    expect(postText(posts[0])).toContain('GTM KPIs');
    // The review at 10:00 Rome covers the whole days from the previous review day to the day before this one.
    expect(text).toContain(
      '_Tue 3 Nov – Mon 23 Nov 2026 (whole days, Europe/Rome), each figure against the 21 days before (Tue 13 Oct – Mon 2 Nov 2026)_',
    );
    for (const line of EXPECTED_LINES) expect(text).toContain(line);
    // The funnel and deal figures are a table the double accepts (right-aligned numbers); text says the rest.
    expect(tableRows(posts[0].blocks)).toEqual(EXPECTED_ROWS);
    const table = posts[0].blocks.find((b: any) => b.type === 'table');
    expect(table.column_settings).toEqual([
      { is_wrapped: true },
      { align: 'right' },
      { align: 'right' },
      { align: 'right' },
    ]);
    expect(text).not.toContain('*Lead funnel');
    expect(double.violations).toEqual([]);
  });

  it('/loop kpis shows the same section ephemerally for the last three weeks', async () => {
    const { double, app, clock, databaseUrl } = await start({ start: REVIEW_AT });
    await importExamples(databaseUrl);
    clock.set(REVIEW_AT);
    await double.slashCommand({ command: '/loop', text: 'kpis', userId: ALICE, channelId: GENERAL });
    await double.waitForCall('response_url');
    await app.idle();
    const reply = double.ephemeralsFor(ALICE).at(-1)!;
    const text = blockText(reply.blocks);
    expect(text).toContain('GTM KPIs: last 3 weeks');
    expect(text).toContain(
      'Tue 3 Nov – Mon 23 Nov 2026 (whole days, UTC), each figure against the 21 days before (Tue 13 Oct – Mon 2 Nov 2026); today counts once it is over',
    );
    for (const line of EXPECTED_LINES) expect(text).toContain(line);
    expect(tableRows(reply.blocks)).toEqual(EXPECTED_ROWS);
    // Nothing was posted in the channel: the answer is for the requester only.
    expect(double.channel(GENERAL)!.messages).toEqual([]);
    expect(double.violations).toEqual([]);
  });

  it('/loop kpis with a longer window, with no data, and with bad weeks', async () => {
    const { double, app } = await start({ start: REVIEW_AT });
    const ask = async (text: string) => {
      const before = double.callsTo('response_url').length;
      await double.slashCommand({ command: '/loop', text, userId: ALICE, channelId: GENERAL });
      await double.waitForCall('response_url', (c) => double.callsTo('response_url').indexOf(c) >= before);
      await app.idle();
      return blockText(double.ephemeralsFor(ALICE).at(-1)!.blocks);
    };
    expect(await ask('kpis 6')).toContain('No GTM data for this period or the one before.');
    // Each answer says what is wrong once: out of range reads differently from not a number.
    const answers: Record<string, string> = {
      'kpis 999': 'KPIs cover 1 to 52 weeks; `999` is more than that.',
      'kpis 53': 'KPIs cover 1 to 52 weeks; `53` is more than that.',
      'kpis 0': 'KPIs cover 1 to 52 weeks; `0` is less than that.',
      'kpis -1': 'KPIs cover 1 to 52 weeks; `-1` is less than that.',
      'kpis 2.5': '`2.5` is not a whole number of weeks; KPIs count whole weeks, like `/loop kpis 6`.',
      'kpis soon': '`soon` is not a number of weeks; type one, like `/loop kpis 6`, or nothing for the last 3.',
      'kpis 3 4': '`3 4` is more than one number of weeks; give one, like `/loop kpis 6`.',
      'kpis <!channel>':
        '`&lt;!channel&gt;` is not a number of weeks; type one, like `/loop kpis 6`, or nothing for the last 3.',
      'kpis sources 60': 'KPIs cover 1 to 52 weeks; `60` is more than that.',
      'kpis sources two':
        '`two` is not a number of weeks; type one, like `/loop kpis sources 6`, or nothing for the last 3.',
    };
    for (const [typed, expected] of Object.entries(answers)) {
      expect(await ask(typed), typed).toBe(expected);
      expect(double.ephemeralsFor(ALICE).at(-1)!.text, typed).toBe(expected);
    }
    expect(double.violations).toEqual([]);
  });
});
