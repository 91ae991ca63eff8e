import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runMqaImport } from '../../src/cli/mqa-import.js';
import { blockText } from '../helpers/assess-journey.js';
import {
  configureMqa,
  INGEST_TOKEN,
  messagesIn,
  postMqa,
  REVIEW,
  seedMqaWorkspace,
  useLoopkeeperOnRunningClock,
} from './mqa-helpers.js';

const start = useLoopkeeperOnRunningClock();

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const reviewedAccounts = (double: Parameters<typeof messagesIn>[0]) =>
  messagesIn(double, REVIEW)
    .map((m) => /New MQA for review: .*?\*([^*]+)\*/.exec(blockText(m.blocks))?.[1])
    .filter(Boolean);

describe('MQA reviews are posted in the tick that queues them', () => {
  it('posts a whole ingested batch, larger than one page of the outbox, in the first tick after the push', async () => {
    const { double, app } = await start({ env: { INGEST_TOKEN } });
    seedMqaWorkspace(double);
    await configureMqa(double, app.idle);
    const items = Array.from({ length: 60 }, (_, i) => ({
      accountName: `Account ${i + 1}`,
      domain: `a${i + 1}.example`,
      source: 'engagement',
    }));
    expect((await postMqa(app.http.port, { team_id: 'T0TEST', items })).json.created).toBe(60);
    expect(messagesIn(double, REVIEW)).toEqual([]);

    await app.tick();
    const posted = reviewedAccounts(double);
    expect(posted).toHaveLength(60);
    expect(new Set(posted).size).toBe(60);
    // Nothing is left pending for a later tick, and a later tick posts nothing twice.
    expect(await app.db.selectFrom('mqa_deliveries').select('id').where('status', '=', 'pending').execute()).toEqual(
      [],
    );
    await app.tick();
    expect(messagesIn(double, REVIEW)).toHaveLength(60);
    expect(double.violations).toEqual([]);
  });

  it('posts accounts imported from a CSV file in the first tick after the import', async () => {
    const { double, app, clock, databaseUrl } = await start();
    seedMqaWorkspace(double);
    await configureMqa(double, app.idle);
    const dir = mkdtempSync(join(tmpdir(), 'loopkeeper-mqa-tick-'));
    dirs.push(dir);
    const file = join(dir, 'accounts.csv');
    writeFileSync(file, 'account_name,domain,source\nAcme,acme.io,engagement\nGlobex,globex.io,event\n');
    const out: string[] = [];
    const code = await runMqaImport(
      [file, '--team', 'T0TEST'],
      databaseUrl,
      { stdout: (t) => out.push(t), stderr: (t) => out.push(t) },
      clock.now,
    );
    expect(out.join('')).toContain('Imported 2 accounts: 2 new, 0 updated.');
    expect(code).toBe(0);

    await app.tick();
    expect(reviewedAccounts(double).sort()).toEqual(['Acme', 'Globex']);
    expect(double.violations).toEqual([]);
  });
});
