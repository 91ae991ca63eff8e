import { describe, expect, it } from 'vitest';
import { blockText } from '../helpers/assess-journey.js';
import { ALICE, GENERAL, useLoopkeeper } from '../helpers/loopkeeper.js';
import {
  addAccount,
  CAROL_REVIEWER,
  configureMqa,
  DAVE_SELLER,
  ERIN_SELLER,
  messagesIn,
  REVIEW,
  SALES_EMEA,
  seedMqaWorkspace,
} from './mqa-helpers.js';

const start = useLoopkeeper();
const HOUR = 60 * 60_000;

type Ctx = Awaited<ReturnType<typeof start>>;

const reviewOf = (ctx: Ctx, account: string) =>
  messagesIn(ctx.double, REVIEW).find((m) => blockText(m.blocks).includes(`*${account}*`))!;
const cardOf = (ctx: Ctx, account: string) =>
  messagesIn(ctx.double, SALES_EMEA).find((m) => !m.thread_ts && blockText(m.blocks).includes(`*${account}*`))!;
/** The card or review message as last rendered (chat.update replaces it in place). */
const latest = (ctx: Ctx, ts: string) =>
  blockText(
    ctx.double
      .callsTo('chat.update')
      .filter((c) => c.args.ts === ts)
      .at(-1)?.args.blocks,
  );

async function add(ctx: Ctx, account: string, extra: Record<string, unknown> = {}) {
  await addAccount(ctx.double, ctx.app.idle, ALICE, {
    'mqa_account/value': account,
    'mqa_domain/value': `${account.toLowerCase()}.io`,
    'mqa_source/value': 'engagement',
    'mqa_region/value': 'EMEA',
    ...extra,
  });
}

async function openFromButton(ctx: Ctx, userId: string, actionId: string, channelId: string, messageTs: string) {
  const before = ctx.double.callsTo('views.open').length;
  await ctx.double.blockAction({ userId, actionId, channelId, messageTs });
  await ctx.double.waitForCall('views.open', (c) => ctx.double.callsTo('views.open').indexOf(c) >= before);
  return ctx.double.topView(userId)!;
}

async function validate(ctx: Ctx, account: string) {
  const view = await openFromButton(ctx, CAROL_REVIEWER, 'mqa_validate', REVIEW, reviewOf(ctx, account).ts);
  await ctx.double.submitView({
    userId: CAROL_REVIEWER,
    viewId: view.id,
    values: { 'mqa_icp/value': 'strong', 'mqa_relevance/value': 'strong', 'mqa_strategic_fit/value': 'strong' },
  });
  await ctx.app.idle();
}

async function press(ctx: Ctx, userId: string, actionId: string, account: string) {
  await ctx.double.blockAction({ userId, actionId, channelId: SALES_EMEA, messageTs: cardOf(ctx, account).ts });
  await ctx.app.idle();
}

/** `/loop mqa <text>` as `userId`; the ephemeral answer's text. */
async function command(ctx: Ctx, userId: string, text: string): Promise<string> {
  const answered = ctx.double.callsTo('response_url').length;
  await ctx.double.slashCommand({ command: '/loop', text: `mqa ${text}`, userId, channelId: GENERAL });
  const answer = await ctx.double.waitForCall(
    'response_url',
    (c) => ctx.double.callsTo('response_url').indexOf(c) >= answered,
  );
  return blockText(answer.args.blocks);
}

async function openHome(ctx: Ctx, userId: string): Promise<string> {
  const before = ctx.double.callsTo('views.publish').length;
  await ctx.double.event({ type: 'app_home_opened', user: userId, tab: 'home' });
  const call = await ctx.double.waitForCall(
    'views.publish',
    (c) => ctx.double.callsTo('views.publish').indexOf(c) >= before && c.args.user_id === userId,
  );
  await ctx.app.idle();
  return blockText(call.args.view.blocks);
}

describe('MQA: Marketing rejection and Sales "not a fit" are different events', () => {
  it('records and shows them differently on the review post, the card, its thread and the list', async () => {
    const ctx = await start();
    const { double, app } = ctx;
    seedMqaWorkspace(double);
    await configureMqa(double, app.idle);
    await add(ctx, 'Acme');
    await add(ctx, 'Beta');

    const reject = await openFromButton(ctx, CAROL_REVIEWER, 'mqa_reject', REVIEW, reviewOf(ctx, 'Acme').ts);
    expect(blockText(reject.blocks)).toContain('Why does Marketing reject *Acme*?');
    await double.submitView({
      userId: CAROL_REVIEWER,
      viewId: reject.id,
      values: { 'mqa_reason/value': 'Outside our ICP' },
    });
    await app.idle();

    await validate(ctx, 'Beta');
    const notAFit = await openFromButton(ctx, DAVE_SELLER, 'mqa_not_a_fit', SALES_EMEA, cardOf(ctx, 'Beta').ts);
    expect(blockText(notAFit.blocks)).toContain('Why is *Beta* not a fit for Sales?');
    await double.submitView({
      userId: DAVE_SELLER,
      viewId: notAFit.id,
      values: { 'mqa_reason/value': 'No budget this year' },
    });
    await app.idle();

    const stored = await app.db
      .selectFrom('mqa_items')
      .select(['account_name', 'status', 'rejection_reason'])
      .orderBy('id')
      .execute();
    expect(stored).toEqual([
      { account_name: 'Acme', status: 'rejected', rejection_reason: 'Outside our ICP' },
      { account_name: 'Beta', status: 'not_a_fit', rejection_reason: 'No budget this year' },
    ]);
    const events = await app.db
      .selectFrom('mqa_events')
      .select(['from_status', 'to_status', 'actor'])
      .where('to_status', 'in', ['rejected', 'not_a_fit'])
      .orderBy('id')
      .execute();
    expect(events).toEqual([
      { from_status: 'in_review', to_status: 'rejected', actor: CAROL_REVIEWER },
      { from_status: 'shared', to_status: 'not_a_fit', actor: DAVE_SELLER },
    ]);

    expect(latest(ctx, reviewOf(ctx, 'Acme').ts)).toContain('Rejected by Marketing: Outside our ICP');
    const beta = cardOf(ctx, 'Beta');
    expect(latest(ctx, beta.ts)).toContain('Not a fit for Sales: No budget this year');
    expect(latest(ctx, beta.ts)).not.toContain('Rejected');
    expect(
      messagesIn(double, SALES_EMEA)
        .filter((m) => m.thread_ts === beta.ts)
        .map((m) => m.text),
    ).toEqual([`<@${DAVE_SELLER}> marked this *Not a fit for Sales*: No budget this year`]);

    const list = await command(ctx, ALICE, 'list all');
    expect(list).toContain('*Acme* (acme.io) · Rejected by Marketing');
    expect(list).toContain('*Beta* (beta.io) · Not a fit for Sales');
    expect(double.violations).toEqual([]);
  });

  it('a Marketing reject form saved after the account was shared changes nothing and says why', async () => {
    const ctx = await start();
    const { double, app } = ctx;
    seedMqaWorkspace(double);
    await configureMqa(double, app.idle, { 'mqa_reviewers/value': [CAROL_REVIEWER, ERIN_SELLER] });
    await add(ctx, 'Acme');
    // Carol opens the reject form; meanwhile Erin validates and shares the account.
    const reject = await openFromButton(ctx, CAROL_REVIEWER, 'mqa_reject', REVIEW, reviewOf(ctx, 'Acme').ts);
    const view = await openFromButton(ctx, ERIN_SELLER, 'mqa_validate', REVIEW, reviewOf(ctx, 'Acme').ts);
    await double.submitView({
      userId: ERIN_SELLER,
      viewId: view.id,
      values: { 'mqa_icp/value': 'strong', 'mqa_relevance/value': 'strong', 'mqa_strategic_fit/value': 'strong' },
    });
    await app.idle();
    await double.submitView({
      userId: CAROL_REVIEWER,
      viewId: reject.id,
      values: { 'mqa_reason/value': 'Changed my mind' },
    });
    await app.idle();
    expect((await app.db.selectFrom('mqa_items').select('status').executeTakeFirstOrThrow()).status).toBe('shared');
    const told = double
      .callsTo('chat.postMessage')
      .filter((c) => c.args.channel === CAROL_REVIEWER)
      .at(-1);
    expect(told?.args.text).toBe("The account is *Shared with Sales*: it can't move to *Rejected by Marketing*.");
    expect(double.violations).toEqual([]);
  });
});

describe('MQA card wording', () => {
  it('says how long the acknowledgement took in words, and how often the account re-entered', async () => {
    const ctx = await start();
    const { double, app, clock } = ctx;
    seedMqaWorkspace(double);
    await configureMqa(double, app.idle);
    await add(ctx, 'Acme');
    await add(ctx, 'Beta');
    await validate(ctx, 'Acme');
    await validate(ctx, 'Beta');

    await press(ctx, DAVE_SELLER, 'mqa_acknowledge', 'Acme');
    expect(latest(ctx, cardOf(ctx, 'Acme').ts)).toContain(`Acknowledged by <@${DAVE_SELLER}> in under a minute`);

    clock.advance(2 * HOUR + 10 * 60_000);
    await press(ctx, DAVE_SELLER, 'mqa_acknowledge', 'Beta');
    expect(latest(ctx, cardOf(ctx, 'Beta').ts)).toContain(`Acknowledged by <@${DAVE_SELLER}> in 2 hours 10 minutes`);

    await press(ctx, DAVE_SELLER, 'mqa_stalled', 'Beta');
    await press(ctx, DAVE_SELLER, 'mqa_reenter', 'Beta');
    expect(latest(ctx, cardOf(ctx, 'Beta').ts)).toContain('re-entered once');
    await press(ctx, DAVE_SELLER, 'mqa_stalled', 'Beta');
    await press(ctx, DAVE_SELLER, 'mqa_reenter', 'Beta');
    expect(latest(ctx, cardOf(ctx, 'Beta').ts)).toContain('re-entered 2 times');
    expect(double.violations).toEqual([]);
  });
});

describe('`/loop mqa list` filters', () => {
  it('mine = my accounts still in play (stalled included); mine all adds my closed ones; open includes stalled', async () => {
    const ctx = await start();
    const { double, app } = ctx;
    seedMqaWorkspace(double);
    await configureMqa(double, app.idle);
    for (const account of ['Working', 'Winner', 'Sleepy', 'Waiting'])
      await add(ctx, account, { 'mqa_owner/value': DAVE_SELLER });
    await add(ctx, 'Unowned');
    for (const account of ['Working', 'Winner', 'Sleepy', 'Waiting']) await validate(ctx, account);
    for (const account of ['Working', 'Winner', 'Sleepy']) await press(ctx, DAVE_SELLER, 'mqa_acknowledge', account);
    await press(ctx, DAVE_SELLER, 'mqa_won', 'Winner');
    await press(ctx, DAVE_SELLER, 'mqa_stalled', 'Sleepy');

    const mine = await command(ctx, DAVE_SELLER, 'list mine');
    expect(mine).toContain('*Your open MQAs* (3 accounts)');
    for (const shown of [
      '*Working* (working.io) · Acknowledged',
      '*Sleepy* (sleepy.io) · Stalled',
      '*Waiting* (waiting.io) · Shared with Sales',
    ])
      expect(mine).toContain(shown);
    expect(mine).not.toContain('Winner');
    expect(mine).not.toContain('Unowned');
    expect(mine).toContain('`/loop mqa list mine all`');

    const mineAll = await command(ctx, DAVE_SELLER, 'list mine all');
    expect(mineAll).toContain('*All your MQAs, closed ones included* (4 accounts)');
    expect(mineAll).toContain('*Winner* (winner.io) · Won');

    const open = await command(ctx, ALICE, 'list');
    expect(open).toContain('*Open MQAs* (4 accounts)');
    expect(open).toContain('*Sleepy* (sleepy.io) · Stalled');
    expect(open).toContain('*Unowned* (unowned.io) · In review');
    expect(open).not.toContain('Winner');

    const closed = await command(ctx, ALICE, 'list closed');
    expect(closed).toContain('*Closed MQAs* (1 account)');
    expect(closed).toContain('*Winner* (winner.io) · Won');

    const unknown = await command(ctx, ALICE, 'list everything');
    expect(unknown).toContain("I don't know the list `everything`.");
    expect(unknown).toContain('`mine all` yours including closed ones');

    // App Home reads the statuses the same way.
    const home = await openHome(ctx, DAVE_SELLER);
    expect(home).toContain('*Waiting* · Shared with Sales');
    expect(home).toContain('*Sleepy* · Stalled');
    expect(home).not.toContain('Winner');
    expect(double.violations).toEqual([]);
  });
});
