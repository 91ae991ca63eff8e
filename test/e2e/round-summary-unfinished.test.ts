import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/open-database.js';
import { SUMMARY_LEASE_MS } from '../../src/features/rounds/service.js';
import { ALICE, GENERAL, useLoopkeeper } from '../helpers/loopkeeper.js';
import { answerRound } from '../helpers/round-journey.js';
import { TEST_DIALECT } from '../helpers/test-database.js';

const start = useLoopkeeper();
const CAROL = 'U0CAROL';
const DAY = 24 * 3_600_000;

/**
 * Makes the database refuse to record a posted round summary, as a process killed right after Slack's answer would
 * leave it: Slack has the summary, the round has none and waits for its attempt's lease. Returns what lifts it.
 */
async function failRecordingSummaries(db: Db): Promise<() => Promise<void>> {
  if (TEST_DIALECT === 'sqlite') {
    await sql`create trigger fail_summary before update on assessment_rounds when new.summary_ts is not null
              begin select raise(abort, 'process killed'); end`.execute(db);
    return async () => void (await sql`drop trigger fail_summary`.execute(db));
  }
  await sql`create function fail_summary() returns trigger language plpgsql as $$
              begin raise exception 'process killed'; end $$`.execute(db);
  await sql`create trigger fail_summary before update on assessment_rounds for each row
            when (new.summary_ts is not null) execute function fail_summary()`.execute(db);
  return async () => {
    await sql`drop trigger fail_summary on assessment_rounds`.execute(db);
    await sql`drop function fail_summary()`.execute(db);
  };
}

const summaries = (double: Awaited<ReturnType<typeof start>>['double']) =>
  (double.channel(GENERAL)?.messages ?? []).filter(
    // The summary's text has the score out of 5; the invitation's (same prefix) has not.
    (m) => !m.thread_ts && /^Team assessment round #1: .* \/ 5 /.test(m.text ?? ''),
  );

describe('a round summary whose attempt never finished', () => {
  it('is found in the channel once the attempt is over, and recorded instead of posted twice', async () => {
    const { double, app, clock } = await start();
    double.addUser({ id: CAROL, name: 'carol' });
    await double.slashCommand({ command: '/loop', text: 'assess round 1d', userId: ALICE, channelId: GENERAL });
    await double.waitForCall('response_url');
    await app.idle();
    await answerRound(double, CAROL, 1, {
      function: 'product',
      scores: { data_integration: 3, activation: 4, usage_campaigns: 3, pqls: 2, feedback_loop: 3 },
    });
    await app.idle();

    const lift = await failRecordingSummaries(app.db);
    clock.advance(DAY);
    await app.tick(); // closes the round and posts the summary; recording it fails
    await lift();
    expect(summaries(double)).toHaveLength(1);
    const [posted] = summaries(double);
    expect(await app.db.selectFrom('assessment_rounds').selectAll().executeTakeFirstOrThrow()).toMatchObject({
      status: 'closed',
      summary_ts: null,
      summary_attempts: 1,
    });

    await app.tick(); // the attempt's lease still runs: nobody tries
    clock.advance(SUMMARY_LEASE_MS + 60_000);
    await app.tick();
    await app.tick();
    expect(summaries(double)).toHaveLength(1);
    expect(await app.db.selectFrom('assessment_rounds').selectAll().executeTakeFirstOrThrow()).toMatchObject({
      summary_ts: posted!.ts,
      summary_error: null,
    });
    expect(double.violations).toEqual([]);
  });
});
