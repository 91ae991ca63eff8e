import { describe, expect, it } from 'vitest';
import { createMqaDeliveriesRepository } from '../../src/features/mqa/deliveries-repository.js';
import { MQA_LEASE_MS } from '../../src/features/mqa/service.js';
import { blockText } from '../helpers/assess-journey.js';
import { failInserts } from '../helpers/fail-inserts.js';
import { ALICE, BOB_ADMIN, GENERAL, setLoopkeeperAdmin, useLoopkeeper } from '../helpers/loopkeeper.js';
import {
  addAccount,
  CAROL_REVIEWER,
  configureMqa,
  DAVE_SELLER,
  INGEST_TOKEN,
  messagesIn,
  openModal,
  postMqa,
  REVIEW,
  SALES_EMEA,
  seedMqaWorkspace,
  validateReview,
} from './mqa-helpers.js';

const start = useLoopkeeper();
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

async function openHome(ctx: { double: any; app: any }, userId: string): Promise<string> {
  const before = ctx.double.callsTo('views.publish').length;
  await ctx.double.event({ type: 'app_home_opened', user: userId, tab: 'home' });
  const call = await ctx.double.waitForCall(
    'views.publish',
    (c: any) => ctx.double.callsTo('views.publish').indexOf(c) >= before && c.args.user_id === userId,
  );
  await ctx.app.idle();
  return blockText(call.args.view.blocks);
}

/** Alice adds Acme (EMEA); Carol validates it, so it is shared in #sales-emea with Dave as owner. */
async function shareAcme(ctx: Awaited<ReturnType<typeof start>>) {
  const { double, app } = ctx;
  await addAccount(double, app.idle, ALICE, {
    'mqa_account/value': 'Acme',
    'mqa_domain/value': 'acme.io',
    'mqa_source/value': 'engagement',
    'mqa_region/value': 'EMEA',
  });
  const review = messagesIn(double, REVIEW).at(-1)!;
  await validateReview(double, app.idle, review.ts);
}

describe('MQA delivery and views after review', () => {
  it('POST /api/mqa answers without posting; the scheduled job posts the review once', async () => {
    const { double, app } = await start({ env: { INGEST_TOKEN } });
    seedMqaWorkspace(double);
    await configureMqa(double, app.idle);
    const posts = double.callsTo('chat.postMessage').length;
    const answer = await postMqa(app.http.port, {
      team_id: 'T0TEST',
      items: [{ accountName: 'Globex', domain: 'globex.io', source: 'engagement' }],
    });
    expect(answer).toMatchObject({ status: 200, json: { created: 1 } });
    await app.idle();
    expect(double.callsTo('chat.postMessage')).toHaveLength(posts);
    await app.tick();
    await app.tick();
    expect(
      messagesIn(double, REVIEW)
        .map((m) => blockText(m.blocks))
        .filter((t) => t.includes('Globex')),
    ).toHaveLength(1);
    expect(double.violations).toEqual([]);
  });

  it('a claimed post is not claimed again by a later tick while Slack may still be answering it', async () => {
    const { double, app, clock } = await start({ env: { INGEST_TOKEN } });
    seedMqaWorkspace(double);
    await configureMqa(double, app.idle);
    await postMqa(app.http.port, {
      team_id: 'T0TEST',
      accountName: 'Globex',
      domain: 'globex.io',
      source: 'engagement',
    });
    const item = await app.db.selectFrom('mqa_items').select('id').executeTakeFirstOrThrow();
    // Another worker has queued the review (same unique key as the job's), claimed it and waits out Slack's retries.
    const deliveries = createMqaDeliveriesRepository(app.db);
    const id = await deliveries.enqueue(
      { teamId: 'T0TEST', itemId: item.id, kind: 'review', uniqueKey: `T0TEST:review:${item.id}`, channelId: REVIEW },
      clock.now(),
    );
    expect(await deliveries.claim(id!, clock.now(), MQA_LEASE_MS)).toBe(true);
    clock.advance(3 * MINUTE);
    await app.tick();
    clock.advance(30 * MINUTE);
    await app.tick();
    expect(messagesIn(double, REVIEW)).toEqual([]);
    // The claimer died: once the lease is over, the post is made, once.
    clock.advance(10 * MINUTE);
    await app.tick();
    await app.tick();
    expect(messagesIn(double, REVIEW)).toHaveLength(1);
    expect(double.violations).toEqual([]);
  });

  it('a crash while queueing the SLA reminder does not lose it: the next tick queues and posts it', async () => {
    const ctx = await start({ start: new Date('2026-11-24T15:00:00Z') }); // Tuesday
    const { double, app, clock } = ctx;
    seedMqaWorkspace(double);
    await configureMqa(double, app.idle);
    await shareAcme(ctx);
    const card = messagesIn(double, SALES_EMEA).at(-1)!;
    const restore = await failInserts(app.db, 'mqa_deliveries', 'kind', 'reminder');
    clock.advance(25 * HOUR); // one business day later
    await app.tick();
    expect(messagesIn(double, SALES_EMEA).filter((m) => m.thread_ts === card.ts)).toEqual([]);
    await restore();
    await app.tick();
    await app.tick();
    const reminders = messagesIn(double, SALES_EMEA).filter(
      (m) => m.thread_ts === card.ts && /acknowledge|SLA|waiting/i.test(`${m.text} ${blockText(m.blocks)}`),
    );
    expect(reminders).toHaveLength(1);
    expect(
      (await app.db.selectFrom('mqa_items').select('reminded_at').executeTakeFirstOrThrow()).reminded_at,
    ).not.toBeNull();
    expect(double.violations).toEqual([]);
  });

  it("App Home's overdue list shows only the viewer's own MQA items", async () => {
    const ctx = await start({ start: new Date('2026-11-24T15:00:00Z') });
    const { double, app, clock } = ctx;
    seedMqaWorkspace(double);
    await configureMqa(double, app.idle);
    await shareAcme(ctx);
    clock.advance(3 * 24 * HOUR); // past the escalation point
    await app.tick();
    expect(await openHome(ctx, ALICE)).toContain('MQA: Acme');
    const owner = (await app.db.selectFrom('mqa_items').select('owner_id').executeTakeFirstOrThrow()).owner_id;
    expect([DAVE_SELLER, 'U0ERIN']).toContain(owner);
    expect(await openHome(ctx, owner!)).toContain('MQA: Acme');
    expect(await openHome(ctx, BOB_ADMIN)).not.toContain('Acme');
    expect(double.violations).toEqual([]);
  });

  it('App Home counts all of my MQA items, past 20, in "…and N more"', async () => {
    const { double, app } = await start({ env: { INGEST_TOKEN } });
    seedMqaWorkspace(double);
    await configureMqa(double, app.idle);
    const items = Array.from({ length: 27 }, (_, i) => ({
      accountName: `Account ${i}`,
      domain: `a${i}.example`,
      source: 'engagement',
      ownerId: DAVE_SELLER,
    }));
    expect((await postMqa(app.http.port, { team_id: 'T0TEST', items })).json.created).toBe(27);
    expect(await openHome({ double, app }, DAVE_SELLER)).toContain('…and 22 more');
    expect(double.violations).toEqual([]);
  });

  it("App Home lists a seller's latest overdue accounts first and counts the rest, overdue and not", async () => {
    const { double, app } = await start({ env: { INGEST_TOKEN } });
    seedMqaWorkspace(double);
    await configureMqa(double, app.idle);
    const items = Array.from({ length: 12 }, (_, i) => ({
      accountName: `Account ${i}`,
      domain: `a${i}.example`,
      source: 'engagement',
      ownerId: DAVE_SELLER,
    }));
    expect((await postMqa(app.http.port, { team_id: 'T0TEST', items })).json.created).toBe(12);
    // Eight shared a week ago and never acknowledged (overdue), four acknowledged; Account 11 was touched last.
    for (let i = 0; i < 12; i++)
      await app.db
        .updateTable('mqa_items')
        .set({
          status: i < 8 ? 'shared' : 'acknowledged',
          shared_at: '2026-11-16T10:00:00.000Z',
          last_activity_at: new Date(Date.parse('2026-11-16T10:00:00Z') + i * 60_000).toISOString(),
        })
        .where('domain', '=', `a${i}.example`)
        .execute();

    const text = await openHome({ double, app }, DAVE_SELLER);
    const mqaList = text.slice(text.indexOf('*Your MQA items*'));
    for (const i of [7, 6, 5, 4, 3]) expect(mqaList).toContain(`:warning: *Account ${i}* · Shared with Sales`);
    expect(mqaList).not.toContain('*Account 2*');
    expect(mqaList).not.toContain('*Account 11*');
    expect(mqaList).toContain('…and 7 more: `/loop mqa list mine`');
    const overdueBox = text.slice(text.indexOf('*Overdue for you*'), text.indexOf('*Your MQA items*'));
    expect(overdueBox.split('\n').filter((l) => l.startsWith('• MQA: '))).toHaveLength(5);
    expect(overdueBox).toContain('• MQA: Account 7 (Shared with Sales)');
    expect(overdueBox).toContain('…and 3 more: ');
    expect(double.violations).toEqual([]);
  });

  it('`/loop mqa list all` says how many there are beyond the shown ones, past 500', async () => {
    const { double, app } = await start({ env: { INGEST_TOKEN } });
    seedMqaWorkspace(double);
    await configureMqa(double, app.idle);
    for (let batch = 0; batch < 2; batch++) {
      const items = Array.from({ length: 260 }, (_, i) => ({
        accountName: `Account ${batch}-${i}`,
        domain: `a${batch}-${i}.example`,
        source: 'engagement',
      }));
      expect((await postMqa(app.http.port, { team_id: 'T0TEST', items })).json.created).toBe(260);
    }
    await double.slashCommand({ command: '/loop', text: 'mqa list all', userId: ALICE, channelId: GENERAL });
    await app.idle();
    const answer = await double.waitForCall('response_url', (c) => JSON.stringify(c.args).includes('MQA working list'));
    const text = JSON.stringify(answer.args.blocks);
    expect(text).toContain('*All MQAs* (520 accounts)');
    expect(text).toContain('…and 480 more accounts');
    expect(double.violations).toEqual([]);
  });

  it('the routes modal acks before the admin check asks Slack; a no-longer-admin gets a notice and no rule', async () => {
    const { double, app } = await start({ double: { ackTimeoutMs: 1500 } });
    seedMqaWorkspace(double);
    await configureMqa(double, app.idle);
    const rulesBefore = await app.db.selectFrom('mqa_routes').select('id').execute();
    // Carol is a Loopkeeper admin (team settings, not a workspace admin) when she opens the modal...
    await setLoopkeeperAdmin(app, CAROL_REVIEWER);
    const view = await openModal(double, CAROL_REVIEWER, 'mqa routes');
    // ...and is removed before she submits; checking her workspace role now waits on a slow users.info.
    await setLoopkeeperAdmin(app, CAROL_REVIEWER, false);
    double.failNext('users.info', { status: 429, retryAfterSeconds: 2 });
    const result = await double.submitView({
      userId: CAROL_REVIEWER,
      viewId: view.id,
      values: { 'mqa_region/value': 'APAC', 'mqa_route_channel/value': SALES_EMEA },
    });
    expect(result.ack?.response_action).toBeUndefined();
    await app.idle();
    expect(await app.db.selectFrom('mqa_routes').select('id').execute()).toEqual(rulesBefore);
    const notice = [...double.callsTo('chat.postEphemeral'), ...double.callsTo('chat.postMessage')].filter((c) =>
      JSON.stringify(c.args).includes(CAROL_REVIEWER),
    );
    expect(JSON.stringify(notice.at(-1)?.args)).toMatch(/admin/i);
    expect(double.violations).toEqual([]);
  });
});

describe('MQA settings modal', () => {
  it('acks before the admin check asks Slack; a no-longer-admin gets a notice and nothing changes', async () => {
    const { double, app } = await start({ double: { ackTimeoutMs: 1500 } });
    seedMqaWorkspace(double);
    await configureMqa(double, app.idle);
    const before = await app.db.selectFrom('mqa_settings').selectAll().execute();
    await setLoopkeeperAdmin(app, CAROL_REVIEWER);
    const view = await openModal(double, CAROL_REVIEWER, 'mqa settings');
    await setLoopkeeperAdmin(app, CAROL_REVIEWER, false);
    double.failNext('users.info', { status: 429, retryAfterSeconds: 2 });
    const result = await double.submitView({
      userId: CAROL_REVIEWER,
      viewId: view.id,
      values: { 'mqa_reviewers/value': [CAROL_REVIEWER, DAVE_SELLER], 'mqa_sla_days/value': '3' },
    });
    expect(result.ack?.response_action).toBeUndefined();
    await app.idle();
    expect(await app.db.selectFrom('mqa_settings').selectAll().execute()).toEqual(before);
    const notice = double.callsTo('chat.postMessage').filter((c) => c.args.channel === CAROL_REVIEWER);
    expect(JSON.stringify(notice.at(-1)?.args)).toMatch(/admin/i);
    expect(double.violations).toEqual([]);
  });
});
