import { describe, expect, it } from 'vitest';
import { blockText } from '../helpers/assess-journey.js';
import { ALICE, useLoopkeeper } from '../helpers/loopkeeper.js';
import {
  addAccount,
  configureMqa,
  DAVE_SELLER,
  messagesIn,
  REVIEW,
  SALES_EMEA,
  seedMqaWorkspace,
  validateReview,
} from './mqa-helpers.js';

const start = useLoopkeeper();
type Ctx = Awaited<ReturnType<typeof start>>;
const DAY = 24 * 60 * 60_000;

/** Alice adds the account and Carol validates it: EMEA routes it to #sales-emea. `beforeCard` runs between. */
async function share(ctx: Ctx, account: string, domain: string, beforeCard = () => {}) {
  const { double, app } = ctx;
  await addAccount(double, app.idle, ALICE, {
    'mqa_account/value': account,
    'mqa_domain/value': domain,
    'mqa_source/value': 'engagement',
    'mqa_region/value': 'EMEA',
  });
  beforeCard();
  await validateReview(double, app.idle, messagesIn(double, REVIEW).at(-1)!.ts);
}

const publishes = (ctx: Ctx) => ctx.double.callsTo('views.publish').map((c) => String(c.args.user_id));

describe('the MQA job catching up', () => {
  it("stalls several of one seller's accounts in one tick and publishes each person's Home once, after them", async () => {
    const ctx = await start();
    const { double, app, clock } = ctx;
    seedMqaWorkspace(double);
    await configureMqa(double, app.idle);
    const accounts = ['Acme', 'Globex', 'Initech', 'Umbrella'];
    for (const name of accounts) await share(ctx, name, `${name.toLowerCase()}.io`);
    for (const item of await app.db.selectFrom('mqa_items').select('card_ts').execute()) {
      await double.blockAction({
        userId: DAVE_SELLER,
        actionId: 'mqa_acknowledge',
        channelId: SALES_EMEA,
        messageTs: item.card_ts!,
      });
      await app.idle();
    }
    const people = await app.db.selectFrom('mqa_items').select(['owner_id', 'acknowledged_by', 'created_by']).execute();
    const expected = [...new Set(people.flatMap((p) => [p.owner_id, p.acknowledged_by, p.created_by]))].sort();
    expect(expected).toContain(DAVE_SELLER);

    clock.advance(21 * DAY);
    const before = publishes(ctx).length;
    await app.tick();
    await app.idle();

    const statuses = await app.db.selectFrom('mqa_items').select('status').execute();
    expect(statuses.map((s) => s.status)).toEqual(accounts.map(() => 'stalled'));
    // Each person behind the four accounts gets one new Home, not one per stalled account.
    expect(publishes(ctx).slice(before).sort()).toEqual(expected);
    const daveHome = double.callsTo('views.publish').findLast((c) => c.args.user_id === DAVE_SELLER);
    expect(blockText((daveHome!.args.view as { blocks: unknown[] }).blocks)).toContain('Stalled');
    expect(double.violations).toEqual([]);
  });

  it("queues the SLA reminder only once the account's card is posted, and then posts it once in the card's thread", async () => {
    const ctx = await start();
    const { double, app, clock } = ctx;
    seedMqaWorkspace(double);
    await configureMqa(double, app.idle);
    // The card's first attempt, at the share, and its retry a business day later are both refused.
    await share(ctx, 'Acme', 'acme.io', () => double.failNext('chat.postMessage', { error: 'not_in_channel' }, 2));
    expect(messagesIn(double, SALES_EMEA)).toEqual([]);

    clock.advance(DAY);
    await app.tick();
    expect(messagesIn(double, SALES_EMEA)).toEqual([]);
    const kinds = async () =>
      (await app.db.selectFrom('mqa_deliveries').select('kind').orderBy('id').execute()).map((d) => d.kind);
    expect(await kinds()).toEqual(['review', 'card']);
    expect((await app.db.selectFrom('mqa_items').select('reminded_at').executeTakeFirst())?.reminded_at).toBeNull();

    clock.advance(2 * 60_000);
    await app.tick();
    const [card] = messagesIn(double, SALES_EMEA);
    expect(card?.thread_ts).toBeUndefined();
    await app.tick();
    await app.tick();
    expect(await kinds()).toEqual(['review', 'card', 'reminder']);
    const thread = messagesIn(double, SALES_EMEA).filter((m) => m.thread_ts === card!.ts);
    expect(thread).toHaveLength(1);
    expect(blockText(thread[0]!.blocks)).toContain('this account has waited 1 business day');
    expect(double.violations).toEqual([]);
  });
});
