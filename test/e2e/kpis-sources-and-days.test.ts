import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runDataImport } from '../../src/cli/data-import.js';
import { blockText } from '../helpers/assess-journey.js';
import { ALICE, GENERAL, useLoopkeeper } from '../helpers/loopkeeper.js';
import { tableRows } from '../helpers/table.js';

const start = useLoopkeeper();
const folders: string[] = [];
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Imports deals from CSV rows (after the header) through the real import command. */
async function importDeals(databaseUrl: string, rows: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'loopkeeper-deals-'));
  folders.push(dir);
  const file = join(dir, 'deals.csv');
  writeFileSync(
    file,
    ['id,account,amount,currency,created_at,closed_at,outcome,ols,ols_at,cs,cs_at', ...rows].join('\n'),
  );
  const errors: string[] = [];
  expect(
    await runDataImport(['deals', file, '--team', 'T0TEST'], {
      databaseUrl,
      out: () => {},
      err: (l) => errors.push(l),
    }),
    errors.join('\n'),
  ).toBe(0);
}

type Started = Awaited<ReturnType<typeof start>>;

async function ask({ double, app }: Pick<Started, 'double' | 'app'>, text: string) {
  const before = double.callsTo('response_url').length;
  await double.slashCommand({ command: '/loop', text, userId: ALICE, channelId: GENERAL });
  await double.waitForCall('response_url', (c) => double.callsTo('response_url').indexOf(c) >= before);
  await app.idle();
  return double.ephemeralsFor(ALICE).at(-1)!;
}

describe('/loop kpis sources', () => {
  it('names the command that lists every OLS/CS source, and that command lists them all', async () => {
    const started = await start({ start: new Date('2026-11-24T09:00:00Z') });
    // Nine sources with pipeline created in the last three weeks: 9 deals for source s1 ... 1 for s9.
    const rows: string[] = [];
    for (let s = 1; s <= 9; s++)
      for (let i = 0; i < 10 - s; i++)
        rows.push(`D-${s}-${i},acct${s}-${i}.com,1000,EUR,2026-11-1${i % 9},,open,s${s},,s${s},`);
    await importDeals(started.databaseUrl, rows);

    const kpis = blockText((await ask(started, 'kpis')).blocks);
    expect(kpis).toContain('• s1: 9 deals · EUR 9,000');
    expect(kpis).toContain('• s6: 4 deals · EUR 4,000');
    expect(kpis).not.toContain('• s7:');
    expect(kpis).toContain('_…and 3 more sources: `/loop kpis sources` lists them all_');
    // Six weeks: the hint names the same six weeks.
    expect(blockText((await ask(started, 'kpis 6')).blocks)).toContain(
      '_…and 3 more sources: `/loop kpis sources 6` lists them all_',
    );

    const reply = await ask(started, 'kpis sources');
    const sources = blockText(reply.blocks);
    // Clients without tables, and notifications, read the figures in `text`.
    expect(reply.text?.split('\n')[0]).toBe('OLS/CS credit by source for the last 3 weeks');
    expect(reply.text).toContain('s9');
    expect(sources).toContain('OLS/CS credit by source: last 3 weeks');
    expect(sources).toContain('Tue 3 Nov – Mon 23 Nov 2026 (whole days, UTC)');
    // Every source in one table, won deals beside pipeline created, most credit first.
    expect(tableRows(reply.blocks)).toEqual([
      ['Source', 'Won deals', 'Won amount', 'Pipeline deals', 'Pipeline amount'],
      ...Array.from({ length: 9 }, (_, i) => [`s${i + 1}`, '–', '–', String(9 - i), `EUR ${9 - i},000`]),
    ]);
    expect(sources).toContain('50 % to its original lead source, 50 % to its converting source');
    expect(sources).not.toContain('more source');
    expect(started.double.violations).toEqual([]);
  });

  it('says plainly when no deal gives any source credit', async () => {
    const started = await start({ start: new Date('2026-11-24T09:00:00Z') });
    expect(blockText((await ask(started, 'kpis sources 2')).blocks)).toContain(
      'No deals were won or created in this period, so no source has OLS/CS credit.',
    );
    expect(started.double.violations).toEqual([]);
  });
});

describe('KPI periods are whole days in the team time zone', () => {
  it('counts what happened on the days shown, not a window rolling to the minute', async () => {
    // 01:00 on Tue 24 Nov in Los Angeles (09:00 UTC).
    const started = await start({ start: new Date('2026-11-24T09:00:00Z') });
    const at = '2026-11-20T10:00:00.000Z';
    await started.app.db
      .insertInto('teams')
      .values({
        team_id: 'T0TEST',
        segment: null,
        assessments_channel_id: null,
        time_zone: 'America/Los_Angeles',
        created_at: at,
        updated_at: at,
      })
      .execute();
    await importDeals(started.databaseUrl, [
      // 23:30 on Mon 2 Nov local: the day before the first day.
      'D-1,a.com,100,USD,2026-11-03T07:30:00Z,,open,web,,web,',
      // 00:30 on Tue 3 Nov local: the first day.
      'D-2,b.com,200,USD,2026-11-03T08:30:00Z,,open,web,,web,',
      // 23:30 on Mon 23 Nov local: the last day.
      'D-3,c.com,400,USD,2026-11-24T07:30:00Z,,open,web,,web,',
      // 00:30 on Tue 24 Nov local: today, which isn't over.
      'D-4,d.com,800,USD,2026-11-24T08:30:00Z,,open,web,,web,',
    ]);
    const reply = await ask(started, 'kpis');
    const text = blockText(reply.blocks);
    const rows = tableRows(reply.blocks);
    expect(text).toContain(
      'Tue 3 Nov – Mon 23 Nov 2026 (whole days, America/Los_Angeles), each figure against the 21 days before (Tue 13 Oct – Mon 2 Nov 2026)',
    );
    expect(rows).toContainEqual(['Pipeline created (deals)', '2', '1', '▲ +1 (+100 %)']);
    expect(rows).toContainEqual(['Pipeline (USD)', 'USD 600', 'USD 100', '▲ +USD 500 (+500 %)']);
    expect(started.double.violations).toEqual([]);
  });
});
