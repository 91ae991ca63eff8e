import { describe, expect, it } from 'vitest';
import { blockText } from '../helpers/assess-journey.js';
import { ALICE, useLoopkeeper } from '../helpers/loopkeeper.js';
import {
  addAccount,
  CAROL_REVIEWER,
  configureMqa,
  DAVE_SELLER,
  ESCALATIONS,
  messagesIn,
  REVIEW,
  SALES_EMEA,
  seedMqaWorkspace,
  validateReview,
} from './mqa-helpers.js';

const start = useLoopkeeper();
const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;

async function shareOne(ctx: Awaited<ReturnType<typeof start>>, domain = 'acme.io') {
  const { double, app } = ctx;
  await addAccount(double, app.idle, ALICE, {
    'mqa_account/value': 'Acme',
    'mqa_domain/value': domain,
    'mqa_source/value': 'engagement',
    'mqa_region/value': 'EMEA',
  });
  const review = messagesIn(double, REVIEW).at(-1)!;
  await validateReview(double, app.idle, review.ts);
}

const threadPosts = (ctx: Awaited<ReturnType<typeof start>>, ts: string) =>
  messagesIn(ctx.double, SALES_EMEA).filter((m) => m.thread_ts === ts);

describe('MQA SLA, stalls and delivery', () => {
  it('reminds once after one business day and escalates once after two, skipping the weekend', async () => {
    // Friday 15:00 UTC (team time zone defaults to UTC).
    const ctx = await start({ start: new Date('2026-11-27T15:00:00Z') });
    const { double, app, clock } = ctx;
    seedMqaWorkspace(double);
    await configureMqa(double, app.idle);
    await shareOne(ctx);
    const [item] = await app.db.selectFrom('mqa_items').selectAll().execute();
    const cardTs = item!.card_ts!;

    clock.set(new Date('2026-11-28T15:00:00Z')); // Saturday: 24 h later, but no business day has passed
    await app.tick();
    clock.set(new Date('2026-11-30T14:59:00Z')); // Monday, a minute early
    await app.tick();
    expect(threadPosts(ctx, cardTs)).toEqual([]);

    clock.set(new Date('2026-11-30T15:00:00Z'));
    await app.tick();
    await app.tick();
    const reminders = threadPosts(ctx, cardTs);
    expect(reminders).toHaveLength(1);
    expect(blockText(reminders[0]!.blocks)).toContain(`<@${DAVE_SELLER}> this account has waited 1 business day`);
    expect(messagesIn(double, ESCALATIONS)).toEqual([]);

    clock.set(new Date('2026-12-01T14:00:00Z'));
    await app.tick();
    expect(messagesIn(double, ESCALATIONS)).toEqual([]);
    clock.set(new Date('2026-12-01T15:00:00Z')); // Tuesday: two business days
    await app.tick();
    clock.advance(HOUR);
    await app.tick();
    expect(messagesIn(double, ESCALATIONS)).toHaveLength(1);
    expect(blockText(messagesIn(double, ESCALATIONS)[0]!.blocks)).toContain(
      'still not acknowledged after 2 business days',
    );
    expect(threadPosts(ctx, cardTs)).toHaveLength(1);
    expect(double.violations).toEqual([]);
  });

  it('marks a silent acknowledged account stalled after 21 days; Re-enter keeps the whole journey', async () => {
    const ctx = await start();
    const { double, app, clock } = ctx;
    seedMqaWorkspace(double);
    await configureMqa(double, app.idle);
    await shareOne(ctx);
    const [item] = await app.db.selectFrom('mqa_items').selectAll().execute();
    await double.blockAction({
      userId: DAVE_SELLER,
      actionId: 'mqa_acknowledge',
      channelId: SALES_EMEA,
      messageTs: item!.card_ts!,
    });
    await app.idle();

    clock.advance(20 * DAY);
    await app.tick();
    expect((await app.db.selectFrom('mqa_items').select('status').executeTakeFirst())?.status).toBe('acknowledged');
    clock.advance(DAY);
    await app.tick();
    await app.tick();
    expect((await app.db.selectFrom('mqa_items').select('status').executeTakeFirst())?.status).toBe('stalled');

    // Stalled accounts are listed.
    const answered = double.callsTo('response_url').length;
    await double.slashCommand({
      command: '/loop',
      text: 'mqa list stalled',
      userId: DAVE_SELLER,
      channelId: SALES_EMEA,
    });
    await double.waitForCall('response_url', (c) => double.callsTo('response_url').indexOf(c) >= answered);
    expect(blockText(double.ephemeralsFor(DAVE_SELLER).at(-1)?.blocks)).toContain('*Acme* (acme.io) · Stalled');

    clock.advance(30 * DAY);
    await double.blockAction({
      userId: DAVE_SELLER,
      actionId: 'mqa_reenter',
      channelId: SALES_EMEA,
      messageTs: item!.card_ts!,
    });
    await app.idle();
    await double.blockAction({
      userId: DAVE_SELLER,
      actionId: 'mqa_won',
      channelId: SALES_EMEA,
      messageTs: item!.card_ts!,
    });
    await app.idle();

    const journey = await app.db
      .selectFrom('mqa_events')
      .select(['type', 'from_status', 'to_status', 'actor', 'at'])
      .where('item_id', '=', item!.id)
      .orderBy('id')
      .execute();
    expect(journey.map((e) => [e.type, e.to_status, e.actor])).toEqual([
      ['created', 'in_review', ALICE],
      ['status', 'validated', CAROL_REVIEWER],
      ['status', 'shared', CAROL_REVIEWER],
      ['status', 'acknowledged', DAVE_SELLER],
      ['status', 'stalled', 'Loopkeeper'],
      ['status', 're_entered', DAVE_SELLER],
      ['status', 'won', DAVE_SELLER],
    ]);
    // First dates are untouched; the re-entry and the conversion have their own dates.
    expect(journey[2]!.at).toBe('2026-11-23T10:00:00.000Z');
    expect(journey[5]!.at).toBe(new Date(Date.parse('2026-11-23T10:00:00Z') + 51 * DAY).toISOString());
    const stored = await app.db
      .selectFrom('mqa_items')
      .select(['status', 'shared_at', 'created_at'])
      .executeTakeFirst();
    expect(stored).toEqual({
      status: 'won',
      shared_at: '2026-11-23T10:00:00.000Z',
      created_at: '2026-11-23T10:00:00.000Z',
    });
    // Each change is echoed in the card's thread.
    expect(threadPosts(ctx, item!.card_ts!).map((m) => m.text)).toEqual([
      `<@${DAVE_SELLER}> marked this *Acknowledged*`,
      'Loopkeeper marked this *Stalled*',
      `<@${DAVE_SELLER}> marked this *Re-entered*`,
      `<@${DAVE_SELLER}> marked this *Won*`,
    ]);
    expect(double.violations).toEqual([]);
  });

  it('a 429 on the card post delays the card but does not lose it, and it is posted once', async () => {
    const ctx = await start();
    const { double, app, clock } = ctx;
    seedMqaWorkspace(double);
    await configureMqa(double, app.idle);
    await addAccount(double, app.idle, ALICE, {
      'mqa_account/value': 'Acme',
      'mqa_domain/value': 'acme.io',
      'mqa_source/value': 'engagement',
      'mqa_region/value': 'EMEA',
    });
    const review = messagesIn(double, REVIEW).at(-1)!;
    const before = double.callsTo('views.open').length;
    await double.blockAction({
      userId: CAROL_REVIEWER,
      actionId: 'mqa_validate',
      channelId: REVIEW,
      messageTs: review.ts,
    });
    await double.waitForCall('views.open', (c) => double.callsTo('views.open').indexOf(c) >= before);
    // Every try of the card's first attempt is rate limited (the client retries twice in tests).
    double.failNext('chat.postMessage', { status: 429, retryAfterSeconds: 0 }, 3);
    await double.submitView({
      userId: CAROL_REVIEWER,
      viewId: double.topView(CAROL_REVIEWER)!.id,
      values: { 'mqa_icp/value': 'strong', 'mqa_relevance/value': 'strong', 'mqa_strategic_fit/value': 'strong' },
    });
    await app.idle();

    expect(messagesIn(double, SALES_EMEA)).toEqual([]);
    const card = await app.db
      .selectFrom('mqa_deliveries')
      .selectAll()
      .where('kind', '=', 'card')
      .executeTakeFirstOrThrow();
    expect(card).toMatchObject({ status: 'pending', attempts: 1, channel_id: SALES_EMEA });
    expect(card.last_error).not.toBeNull();
    expect((await app.db.selectFrom('mqa_items').select('status').executeTakeFirst())?.status).toBe('shared');

    await app.tick(); // backoff: not due yet
    expect(messagesIn(double, SALES_EMEA)).toEqual([]);
    clock.advance(60_000);
    await app.tick();
    await app.tick();
    const posted = messagesIn(double, SALES_EMEA);
    expect(posted).toHaveLength(1);
    expect(
      await app.db
        .selectFrom('mqa_deliveries')
        .select(['status', 'attempts', 'posted_ts'])
        .where('kind', '=', 'card')
        .executeTakeFirst(),
    ).toEqual({
      status: 'sent',
      attempts: 2,
      posted_ts: posted[0]!.ts,
    });
    expect((await app.db.selectFrom('mqa_items').select('card_ts').executeTakeFirst())?.card_ts).toBe(posted[0]!.ts);
    expect(double.violations).toEqual([]);
  });
});
