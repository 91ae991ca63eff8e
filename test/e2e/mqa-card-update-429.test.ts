import { describe, expect, it } from 'vitest';
import { blockText } from '../helpers/assess-journey.js';
import { ALICE, useLoopkeeper } from '../helpers/loopkeeper.js';
import {
  addAccount,
  configureMqa,
  DAVE_SELLER,
  messagesIn,
  openModal,
  REVIEW,
  SALES_EMEA,
  seedMqaWorkspace,
  validateReview,
} from './mqa-helpers.js';

const start = useLoopkeeper();
const RETRY_AFTER_SECONDS = 3;

describe('MQA card update after an acknowledgement, answered 429', () => {
  it('waits out the Retry-After for that update alone: a modal and a post elsewhere go through at once', async () => {
    const { double, app } = await start();
    seedMqaWorkspace(double);
    await configureMqa(double, app.idle);
    await addAccount(double, app.idle, ALICE, {
      'mqa_account/value': 'Acme',
      'mqa_domain/value': 'acme.io',
      'mqa_source/value': 'intent_signal',
      'mqa_region/value': 'emea',
    });
    await validateReview(double, app.idle, messagesIn(double, REVIEW).at(-1)!.ts);
    const card = messagesIn(double, SALES_EMEA).at(-1)!;
    expect(card).toBeDefined();

    // Dave acknowledges in the thread; Slack refuses the card's update with a 429.
    double.failNext('chat.update', { status: 429, retryAfterSeconds: RETRY_AFTER_SECONDS });
    await double.event({
      type: 'message',
      channel: SALES_EMEA,
      user: DAVE_SELLER,
      text: 'Ack, on it',
      thread_ts: card.ts,
      ts: '1795000000.000100',
    });
    const refused = await double.waitForCall('chat.update', (c) => c.status === 429);
    expect(refused.args.ts).toBe(card.ts);

    // While the card waits: Alice opens a modal, and her new account's review post goes out in another channel.
    const reviewsBefore = messagesIn(double, REVIEW).length;
    const modal = await openModal(double, ALICE, 'mqa add');
    const opened = double.callsTo('views.open').at(-1)!;
    await double.submitView({
      userId: ALICE,
      viewId: modal.id,
      values: {
        'mqa_account/value': 'Globex',
        'mqa_domain/value': 'globex.io',
        'mqa_source/value': 'intent_signal',
      },
    });
    const reviewPost = await double.waitForCall(
      'chat.postMessage',
      (c) => c.args.channel === REVIEW && c.status === 200 && c.at >= refused.at,
    );
    const updated = () => double.callsTo('chat.update').filter((c) => c.args.ts === card.ts && c.status === 200);
    expect(updated()).toEqual([]);
    expect(opened.status).toBe(200);
    expect(opened.at - refused.at).toBeLessThan(RETRY_AFTER_SECONDS * 1000);
    expect(reviewPost.at - refused.at).toBeLessThan(RETRY_AFTER_SECONDS * 1000);

    // Then the card is updated once, after its Retry-After, and the acknowledgement is echoed once in the thread.
    await app.idle();
    expect(updated()).toHaveLength(1);
    expect(updated()[0]!.at - refused.at).toBeGreaterThanOrEqual(RETRY_AFTER_SECONDS * 1000);
    expect(blockText(updated()[0]!.args.blocks)).toContain(`Acknowledged by <@${DAVE_SELLER}>`);
    const echoes = messagesIn(double, SALES_EMEA).filter(
      (m) => m.thread_ts === card.ts && /Acknowledged/.test(m.text ?? ''),
    );
    expect(echoes).toHaveLength(1);
    expect(messagesIn(double, REVIEW)).toHaveLength(reviewsBefore + 1);
  });
});
