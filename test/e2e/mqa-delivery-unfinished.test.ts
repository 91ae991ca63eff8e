import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/open-database.js';
import { MQA_LEASE_MS } from '../../src/features/mqa/service.js';
import { ALICE, useLoopkeeper } from '../helpers/loopkeeper.js';
import { TEST_DIALECT } from '../helpers/test-database.js';
import {
  addAccount,
  configureMqa,
  messagesIn,
  REVIEW,
  SALES_EMEA,
  seedMqaWorkspace,
  validateReview,
} from './mqa-helpers.js';

const start = useLoopkeeper();
const MINUTE = 60_000;

/**
 * Makes the database refuse to record a sent card, as a process killed right after Slack's answer would leave it:
 * Slack has the card, the outbox row is still pending under the attempt's lease. Returns the function that lifts it.
 */
async function failRecordingSentCards(db: Db): Promise<() => Promise<void>> {
  if (TEST_DIALECT === 'sqlite') {
    await sql`create trigger fail_sent before update on mqa_deliveries when new.status = 'sent' and new.kind = 'card'
              begin select raise(abort, 'process killed'); end`.execute(db);
    return async () => void (await sql`drop trigger fail_sent`.execute(db));
  }
  await sql`create function fail_sent() returns trigger language plpgsql as $$
              begin raise exception 'process killed'; end $$`.execute(db);
  await sql`create trigger fail_sent before update on mqa_deliveries for each row
            when (new.status = 'sent' and new.kind = 'card') execute function fail_sent()`.execute(db);
  return async () => {
    await sql`drop trigger fail_sent on mqa_deliveries`.execute(db);
    await sql`drop function fail_sent()`.execute(db);
  };
}

const topLevelCards = (double: Parameters<typeof messagesIn>[0]) =>
  messagesIn(double, SALES_EMEA).filter((m) => !m.thread_ts && /^MQA: Acme/.test(m.text ?? ''));

const cardRow = (db: Db) =>
  db.selectFrom('mqa_deliveries').selectAll().where('kind', '=', 'card').executeTakeFirstOrThrow();

/** Alice adds Acme (EMEA); Carol validates it while the card's outcome cannot be recorded. */
async function shareAcmeUnrecorded(ctx: Awaited<ReturnType<typeof start>>) {
  const { double, app } = ctx;
  await addAccount(double, app.idle, ALICE, {
    'mqa_account/value': 'Acme',
    'mqa_domain/value': 'acme.io',
    'mqa_source/value': 'engagement',
    'mqa_region/value': 'EMEA',
  });
  const lift = await failRecordingSentCards(app.db);
  await validateReview(double, app.idle, messagesIn(double, REVIEW).at(-1)!.ts);
  await lift();
  expect(topLevelCards(double)).toHaveLength(1);
  const row = await cardRow(app.db);
  expect(row).toMatchObject({ status: 'pending', posted_ts: null, lease_until: expect.any(String) });
}

describe('an MQA post whose attempt never finished', () => {
  it('is found in Slack once the lease is over, and recorded instead of posted twice', async () => {
    const ctx = await start({ start: new Date('2026-11-24T10:00:00Z') });
    const { double, app, clock } = ctx;
    seedMqaWorkspace(double);
    await configureMqa(double, app.idle);
    await shareAcmeUnrecorded(ctx);
    const [card] = topLevelCards(double);

    // Under the lease nobody touches it; once it is over, a tick takes the row over.
    await app.tick();
    clock.advance(MQA_LEASE_MS + MINUTE);
    await app.tick();
    await app.tick();
    expect(topLevelCards(double)).toHaveLength(1);
    expect(await cardRow(app.db)).toMatchObject({ status: 'sent', posted_ts: card!.ts, lease_until: null });
    const item = await app.db.selectFrom('mqa_items').select(['card_channel_id', 'card_ts']).executeTakeFirstOrThrow();
    expect(item).toEqual({ card_channel_id: SALES_EMEA, card_ts: card!.ts });
    expect(double.violations).toEqual([]);
  });

  it('waits, still unfinished, while Slack cannot say whether it has the post, then finds it', async () => {
    const ctx = await start({ start: new Date('2026-11-24T10:00:00Z') });
    const { double, app, clock } = ctx;
    seedMqaWorkspace(double);
    await configureMqa(double, app.idle);
    await shareAcmeUnrecorded(ctx);
    const [card] = topLevelCards(double);

    clock.advance(MQA_LEASE_MS + MINUTE);
    // Three 500s: the first call and the client's two retries.
    double.failNext('conversations.history', { status: 500 }, 3);
    await app.tick();
    expect(topLevelCards(double)).toHaveLength(1);
    const waiting = await cardRow(app.db);
    expect(waiting).toMatchObject({ status: 'pending', lease_until: expect.any(String) });
    expect(waiting.last_error).toContain('could not check whether Slack has the post');

    clock.advance(10 * MINUTE);
    await app.tick();
    await app.tick();
    expect(topLevelCards(double)).toHaveLength(1);
    expect(await cardRow(app.db)).toMatchObject({ status: 'sent', posted_ts: card!.ts, lease_until: null });
    expect(double.violations).toEqual([]);
  });
});
