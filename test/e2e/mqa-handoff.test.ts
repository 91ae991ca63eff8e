import { describe, expect, it } from 'vitest';
import { blockText } from '../helpers/assess-journey.js';
import { ALICE, useLoopkeeper } from '../helpers/loopkeeper.js';
import {
  addAccount,
  CAROL_REVIEWER,
  configureMqa,
  DAVE_SELLER,
  messagesIn,
  REVIEW,
  SALES_EMEA,
  seedMqaWorkspace,
  validateReview,
} from './mqa-helpers.js';

const start = useLoopkeeper();

describe('MQA handoff: add -> review -> validate -> route -> acknowledge in the thread', () => {
  it('routes by the first matching rule, acknowledges once per reply event and updates the card in place', async () => {
    const { double, app, clock } = await start();
    seedMqaWorkspace(double);
    await configureMqa(double, app.idle);

    // Inline validation: a bad domain keeps the modal open and writes nothing.
    const bad = await addAccount(double, app.idle, ALICE, {
      'mqa_account/value': 'Acme',
      'mqa_domain/value': 'not a domain',
      'mqa_source/value': 'intent_signal',
    });
    expect(bad.ack.response_action).toBe('errors');
    expect(bad.ack.errors.mqa_domain).toContain('must be a domain');
    expect(await app.db.selectFrom('mqa_items').selectAll().execute()).toEqual([]);

    const added = await double.submitView({
      userId: ALICE,
      viewId: bad.view.id,
      values: {
        'mqa_account/value': '<!channel> Acme & Co',
        'mqa_domain/value': 'https://www.Acme.io/pricing',
        'mqa_source/value': 'intent_signal',
        'mqa_region/value': 'emea',
        'mqa_intent_topics/value': 'data pipelines, observability',
        'mqa_evidence/value': 'Visited pricing 4x',
      },
    });
    expect(added.ack).toBeUndefined();
    await app.idle();

    // The review post: escaped account name, reviewer buttons.
    const review = messagesIn(double, REVIEW).at(-1)!;
    const reviewText = blockText(review.blocks);
    expect(reviewText).toContain('&lt;!channel&gt; Acme &amp; Co');
    expect(reviewText).not.toContain('<!channel>');

    // Alice is not a reviewer: no modal.
    const opened = double.callsTo('views.open').length;
    await double.blockAction({ userId: ALICE, actionId: 'mqa_validate', channelId: REVIEW, messageTs: review.ts });
    await app.idle();
    expect(double.callsTo('views.open').length).toBe(opened);

    await double.blockAction({
      userId: CAROL_REVIEWER,
      actionId: 'mqa_validate',
      channelId: REVIEW,
      messageTs: review.ts,
    });
    await double.waitForCall('views.open', (c) => double.callsTo('views.open').indexOf(c) >= opened);
    const validate = double.topView(CAROL_REVIEWER)!;
    clock.advance(10 * 60_000);
    await double.submitView({
      userId: CAROL_REVIEWER,
      viewId: validate.id,
      values: {
        'mqa_icp/value': 'strong',
        'mqa_relevance/value': 'strong',
        'mqa_strategic_fit/value': 'partial',
        'mqa_notes/value': 'Champion <@U0X> named',
      },
    });
    await app.idle();

    // Rule 1 (region EMEA) matches before rule 2 (source intent signal): card in #sales-emea, first round-robin owner.
    const card = messagesIn(double, SALES_EMEA).at(-1)!;
    expect(card).toBeDefined();
    expect(blockText(card.blocks)).toContain('Champion &lt;@U0X&gt; named');
    // The notification fallback text is mrkdwn too.
    expect(card.text).toContain('&lt;!channel&gt; Acme &amp; Co');
    expect(review.text).not.toContain('<!channel>');
    const [item] = await app.db.selectFrom('mqa_items').selectAll().execute();
    expect(item).toMatchObject({
      status: 'shared',
      sales_channel_id: SALES_EMEA,
      owner_id: DAVE_SELLER,
      domain: 'acme.io',
      card_ts: card.ts,
    });

    // Sales replies "ack" in the thread; Slack delivers the same reply twice.
    clock.advance(2 * 60 * 60_000);
    const reply = {
      type: 'message',
      channel: SALES_EMEA,
      user: DAVE_SELLER,
      text: 'Ack, on it',
      thread_ts: card.ts,
      ts: '1795000000.000100',
    };
    await double.event(reply);
    await double.waitForCall('chat.postMessage', (c) => c.args.thread_ts === card.ts);
    await app.idle();
    await double.event(reply);
    await app.idle();

    const statusEvents = await app.db
      .selectFrom('mqa_events')
      .select(['to_status', 'actor'])
      .where('type', '=', 'status')
      .orderBy('id')
      .execute();
    expect(statusEvents).toEqual([
      { to_status: 'validated', actor: CAROL_REVIEWER },
      { to_status: 'shared', actor: CAROL_REVIEWER },
      { to_status: 'acknowledged', actor: DAVE_SELLER },
    ]);
    const updates = double.callsTo('chat.update').filter((c) => c.args.ts === card.ts);
    const updatedText = blockText(updates.at(-1)!.args.blocks);
    expect(updatedText).toContain(`Acknowledged by <@${DAVE_SELLER}> in 2 hours`);
    // The card no longer offers Acknowledge; later moves are there.
    const buttons = (updates.at(-1)!.args.blocks as any[]).flatMap((b) =>
      b.type === 'actions' ? b.elements.map((e: any) => e.action_id) : [],
    );
    expect(buttons).not.toContain('mqa_acknowledge');
    expect(buttons).toContain('mqa_won');
    // Exactly one echo of the acknowledgement in the thread.
    const echoes = messagesIn(double, SALES_EMEA).filter(
      (m) => m.thread_ts === card.ts && /Acknowledged/.test(m.text ?? ''),
    );
    expect(echoes).toHaveLength(1);

    // A reaction on an already acknowledged card changes nothing.
    await double.event({
      type: 'reaction_added',
      user: DAVE_SELLER,
      reaction: 'white_check_mark',
      item: { type: 'message', channel: SALES_EMEA, ts: card.ts },
    });
    await app.idle();
    expect(await app.db.selectFrom('mqa_events').select('id').where('type', '=', 'status').execute()).toHaveLength(3);
    expect(double.violations).toEqual([]);
  });

  it('acknowledges with a :white_check_mark: reaction and with the button', async () => {
    const { double, app } = await start();
    seedMqaWorkspace(double);
    await configureMqa(double, app.idle);
    for (const domain of ['one.io', 'two.io']) {
      await addAccount(double, app.idle, ALICE, {
        'mqa_account/value': domain,
        'mqa_domain/value': domain,
        'mqa_source/value': 'engagement',
        'mqa_region/value': 'EMEA',
      });
    }
    const reviews = messagesIn(double, REVIEW);
    for (const review of reviews) {
      await validateReview(double, app.idle, review.ts);
    }
    const items = await app.db.selectFrom('mqa_items').selectAll().orderBy('id').execute();
    // Round robin over the rule's two owners.
    expect(items.map((i) => i.owner_id)).toEqual([DAVE_SELLER, 'U0ERIN']);
    await double.event({
      type: 'reaction_added',
      user: DAVE_SELLER,
      reaction: 'white_check_mark',
      item: { type: 'message', channel: SALES_EMEA, ts: items[0]!.card_ts },
    });
    await double.blockAction({
      userId: 'U0ERIN',
      actionId: 'mqa_acknowledge',
      channelId: SALES_EMEA,
      messageTs: items[1]!.card_ts!,
    });
    await app.idle();
    const after = await app.db.selectFrom('mqa_items').select(['status', 'acknowledged_by']).orderBy('id').execute();
    expect(after).toEqual([
      { status: 'acknowledged', acknowledged_by: DAVE_SELLER },
      { status: 'acknowledged', acknowledged_by: 'U0ERIN' },
    ]);
    expect(double.violations).toEqual([]);
  });
});
