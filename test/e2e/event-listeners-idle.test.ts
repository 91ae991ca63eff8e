import { describe, expect, it } from 'vitest';
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

// Slack's events are acked before their listener starts; idle() must still wait for everything the listener does.
describe('idle() after an event', () => {
  it('returns only once the reaction listener has acknowledged the card and echoed it in the thread', async () => {
    const { double, app } = await start();
    seedMqaWorkspace(double);
    await configureMqa(double, app.idle);
    await addAccount(double, app.idle, ALICE, {
      'mqa_account/value': 'One',
      'mqa_domain/value': 'one.io',
      'mqa_source/value': 'engagement',
      'mqa_region/value': 'EMEA',
    });
    const [review] = messagesIn(double, REVIEW);
    await validateReview(double, app.idle, review!.ts);
    const [item] = await app.db.selectFrom('mqa_items').selectAll().execute();

    const calls = double.calls.length;
    await double.event({
      type: 'reaction_added',
      user: DAVE_SELLER,
      reaction: 'white_check_mark',
      item: { type: 'message', channel: SALES_EMEA, ts: item!.card_ts },
    });
    await app.idle();

    const after = double.calls.slice(calls).map((c) => c.method);
    expect(after).toContain('chat.update');
    const row = await app.db.selectFrom('mqa_items').select(['status', 'acknowledged_by']).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'acknowledged', acknowledged_by: DAVE_SELLER });
  });
});
