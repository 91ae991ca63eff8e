import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { runDataImport } from '../../src/cli/data-import.js';
import { type Db, openDatabase } from '../../src/db/open-database.js';
import { createKpiQueries } from '../../src/features/kpis/queries.js';
import { createGtmDataRepository } from '../../src/features/kpis/repository.js';
import { type TestDatabase, testDatabase } from '../helpers/test-database.js';

const TEAM = 'T0IMPORT';
const NOVEMBER = { from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-12-01T00:00:00Z') };
const databases: TestDatabase[] = [];
afterEach(async () => {
  for (const database of databases.splice(0)) await database.dispose();
});

async function setup() {
  const database = await testDatabase();
  databases.push(database);
  const { url, dir } = database;
  const out: string[] = [];
  const err: string[] = [];
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const run = (...argv: string[]) =>
    runDataImport(argv, {
      databaseUrl: url,
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      now: () => new Date('2026-11-23T10:00:00Z'),
    });
  async function withDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    const db = await openDatabase(url);
    try {
      return await fn(db);
    } finally {
      await db.destroy();
    }
  }
  const rows = (kind: 'leads' | 'touchpoints' | 'deals' | 'spend') =>
    withDb((db) => createGtmDataRepository(db).countRows(TEAM, kind));
  const deals = () => withDb((db) => createKpiQueries(db).deals(TEAM, NOVEMBER));
  return { url, dir, out, err, file, run, rows, deals };
}

const DEALS_HEADER = 'id,account,amount,currency,created_at,closed_at,outcome,ols,cs';

describe('npm run data:import', () => {
  it('imports every example file', async () => {
    const t = await setup();
    for (const kind of ['leads', 'touchpoints', 'deals', 'spend'] as const) {
      expect(await t.run(kind, `examples/gtm/${kind}.csv`, '--team', TEAM), t.err.join('\n')).toBe(0);
    }
    expect([await t.rows('leads'), await t.rows('touchpoints'), await t.rows('deals'), await t.rows('spend')]).toEqual([
      3, 4, 3, 3,
    ]);
    expect(t.out[0]).toBe(`Imported 3 leads for team ${TEAM}: 3 new, 0 updated.`);
    const deals = await t.deals();
    expect(deals).toMatchObject({ pipelineCreated: 2, won: 1, lost: 1, winRate: 0.5 });
    expect(deals.byCurrency[0]).toMatchObject({
      currency: 'EUR',
      pipelineAmountMinor: 4_200_050,
      wonAmountMinor: 2_400_000,
    });
  });

  it('a bad row writes nothing and names the line and the field', async () => {
    const t = await setup();
    const good = t.file('good.csv', `${DEALS_HEADER}\nD1,acme.com,100,EUR,2026-11-02,,open,webinar,demo\n`);
    expect(await t.run('deals', good, '--team', TEAM)).toBe(0);
    const bad = t.file(
      'bad.csv',
      `${DEALS_HEADER}\nD1,acme.com,999,EUR,2026-11-02,,open,webinar,demo\nD2,beta.com,12 000,EUR,2026-11-03,,open,,\nD3,gamma.com,5,EUR,2026-11-04,,won,,\n`,
    );
    expect(await t.run('deals', bad, '--team', TEAM)).toBe(1);
    expect(t.err[0]).toContain('2 problems; nothing was imported');
    expect(t.err[1]).toMatch(/^ {2}line 3, amount: "12 000" is not an amount/);
    expect(t.err[2]).toBe('  line 4, closed_at: is required for a won deal');
    // The good first row of the bad file was not written either: D1 still has its old amount, D2 and D3 do not exist.
    expect(await t.rows('deals')).toBe(1);
    expect((await t.deals()).byCurrency[0]?.pipelineAmountMinor).toBe(10_000);
  });

  it('names the file without its folder, and says when a file looks semicolon-separated', async () => {
    const t = await setup();
    const semicolons = t.file(
      'deals-excel.csv',
      `${DEALS_HEADER.replaceAll(',', ';')}\nD1;acme.com;100;EUR;2026-11-02;;open;webinar;demo\n`,
    );
    expect(await t.run('deals', semicolons, '--team', TEAM)).toBe(1);
    expect(t.err[0]).toBe('deals-excel.csv: 1 problem; nothing was imported.');
    expect(t.err[1]).toMatch(/^ {2}line 1, header: the file looks semicolon-separated .*commas between the fields/);
    expect(t.err.join('\n')).not.toContain(t.dir);
    expect(await t.rows('deals')).toBe(0);
  });

  it('re-importing upserts by id', async () => {
    const t = await setup();
    expect(
      await t.run(
        'deals',
        t.file(
          'a.csv',
          `${DEALS_HEADER}\nD1,acme.com,100,EUR,2026-11-02,,open,webinar,demo\nD2,beta.com,50,EUR,2026-11-03,,open,,\n`,
        ),
        '--team',
        TEAM,
      ),
    ).toBe(0);
    expect(
      await t.run(
        'deals',
        t.file(
          'b.csv',
          `${DEALS_HEADER}\nD1,acme.com,300,EUR,2026-11-02,2026-11-20,won,webinar,demo\nD3,gamma.com,1,EUR,2026-11-04,,open,,\n`,
        ),
        '--team',
        TEAM,
      ),
    ).toBe(0);
    expect(t.out[1]).toBe(`Imported 2 deals for team ${TEAM}: 1 new, 1 updated.`);
    expect(await t.rows('deals')).toBe(3);
    const deals = await t.deals();
    expect(deals.won).toBe(1);
    expect(deals.byCurrency[0]).toMatchObject({ pipelineAmountMinor: 35_100, wonAmountMinor: 30_000 });
  });

  it('deals in two currencies are reported, and never summed', async () => {
    const t = await setup();
    const file = t.file(
      'mixed.csv',
      `${DEALS_HEADER}\nD1,acme.com,100,EUR,2026-11-02,,open,,\nD2,beta.com,200,usd,2026-11-03,,open,,\n`,
    );
    expect(await t.run('deals', file, '--team', TEAM)).toBe(0);
    expect(t.out[1]).toBe(
      'Note: Deals are in 2 currencies (EUR, USD): amounts are reported per currency, never summed.',
    );
    expect((await t.deals()).byCurrency.map((c) => [c.currency, c.pipelineAmountMinor])).toEqual([
      ['EUR', 10_000],
      ['USD', 20_000],
    ]);
  });

  it('leaves out --team for a one-team database, even before /loop settings was saved', async () => {
    const t = await setup();
    expect(await t.run('deals', 'examples/gtm/deals.csv', '--team', TEAM), t.err.join('\n')).toBe(0);
    expect(await t.run('leads', 'examples/gtm/leads.csv'), t.err.join('\n')).toBe(0);
    expect(t.out.at(-1)).toBe(`Imported 3 leads for team ${TEAM}: 3 new, 0 updated.`);
    expect(await t.rows('leads')).toBe(3);
  });

  it('explains a wrong kind, a missing file and a missing team', async () => {
    const t = await setup();
    expect(await t.run('contacts', 'x.csv', '--team', TEAM)).toBe(1);
    expect(t.err[0]).toContain('"contacts" is not a kind of GTM data: use one of leads, touchpoints, deals, spend.');
    expect(await t.run('leads', join(t.dir, 'missing.csv'), '--team', TEAM)).toBe(1);
    expect(t.err.at(-1)).toMatch(/^Cannot read .*missing\.csv.*Nothing was imported\.$/);
    expect(await t.run('leads', 'examples/gtm/leads.csv')).toBe(1);
    expect(t.err.at(-1)).toContain('pass --team');
  });

  it('runs as a script with DATABASE_URL from the environment', async () => {
    const t = await setup();
    const { stdout } = await promisify(execFile)(
      'npx',
      ['tsx', 'src/cli/data-import.ts', 'spend', 'examples/gtm/spend.csv', '--team', TEAM],
      {
        env: { ...process.env, DATABASE_URL: t.url },
      },
    );
    expect(stdout).toContain(`Imported 3 spend for team ${TEAM}: 3 new, 0 updated.`);
    expect(await t.rows('spend')).toBe(3);
    const failed = await promisify(execFile)('npx', ['tsx', 'src/cli/data-import.ts', 'spend'], {
      env: { ...process.env, DATABASE_URL: t.url },
    }).catch((e) => e);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('Usage: npm run data:import');
  }, 30_000);
});
