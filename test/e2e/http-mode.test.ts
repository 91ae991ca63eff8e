import { describe, expect, it } from 'vitest';
import type { Loopkeeper } from '../../src/bootstrap.js';
import { HttpDeliveryError, type SlackDouble } from '../../src/slack-double/index.js';
import { assessValues, blockText, openAssessModal } from '../helpers/assess-journey.js';
import { ALICE, BOB_ADMIN, GENERAL, slackRequestUrl, useLoopkeeper } from '../helpers/loopkeeper.js';
import { addRitual, topLevelPosts } from '../helpers/rituals-journey.js';
import {
  addAccount,
  CAROL_REVIEWER,
  configureMqa,
  DAVE_SELLER,
  messagesIn,
  SALES_EMEA,
  seedMqaWorkspace,
  validateReview,
} from './mqa-helpers.js';

/**
 * The main journeys with SLACK_MODE=http: Bolt's HTTPReceiver on Loopkeeper's own HTTP server at /slack/events, and
 * the Slack double delivering every command, click, submission and event as a signed POST whose response is the ack.
 */
const start = useLoopkeeper();
const http = () => start({ transport: 'http' });
const scores = { data_integration: 3, activation: 2, usage_campaigns: 4, pqls: 3, feedback_loop: 4 };

/** Every envelope went to the app's /slack/events as a signed POST and was answered 200. */
function expectAllDeliveredOverHttp(double: SlackDouble, app: Loopkeeper) {
  const deliveries = double.httpDeliveries.filter((d) => d.kind !== 'url_verification' && !d.tamper);
  expect(deliveries.length).toBeGreaterThan(0);
  for (const d of deliveries) {
    expect(d.url).toBe(slackRequestUrl(app));
    expect(d.status).toBe(200);
    expect(d.headers['x-slack-signature']).toMatch(/^v0=[0-9a-f]{64}$/);
  }
}

/** Alice's card in #sales-emea, shared with Dave by the EMEA rule: settings, add, validate — all over HTTP. */
async function sharedCard(double: SlackDouble, app: Loopkeeper) {
  seedMqaWorkspace(double);
  await configureMqa(double, app.idle);
  await addAccount(double, app.idle, ALICE, {
    'mqa_account/value': 'Acme',
    'mqa_domain/value': 'acme.io',
    'mqa_source/value': 'engagement',
    'mqa_region/value': 'EMEA',
  });
  const review = double.channel('C0MQAREVIEW')!.messages.at(-1)!;
  await validateReview(double, app.idle, review.ts);
  const card = messagesIn(double, SALES_EMEA).at(-1)!;
  expect(card).toBeDefined();
  return card;
}

const statusEvents = (app: Loopkeeper) =>
  app.db.selectFrom('mqa_events').select(['to_status', 'actor']).where('type', '=', 'status').orderBy('id').execute();

describe('HTTP mode: the main journeys through signed requests', () => {
  it('is healthy in HTTP mode and verifies its request URL with the signing secret it was given', async () => {
    const { double, app, config } = await http();
    expect(config.slack.mode).toBe('http');
    expect(double.transport).toBe('http');
    expect(double.connected).toBe(false); // no Socket Mode client at all
    const health = await fetch(`http://127.0.0.1:${app.http.port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', slack: 'connected', database: 'ok' });
    expect(double.httpDeliveries[0]).toMatchObject({ kind: 'url_verification', status: 200 });
    // Slack signing with another app's secret: the challenge is refused, so Slack would not save the URL.
    await expect(
      double.deliverOverHttp({ requestUrl: slackRequestUrl(app), signingSecret: 'another-apps-secret' }),
    ).rejects.toThrow(/HTTP 401/);
  });

  it('answers GET /slack/events and unknown /slack/ paths with 404 and keeps running', async () => {
    const { app } = await http();
    for (const [method, path] of [
      ['GET', '/slack/events'],
      ['POST', '/slack/other'],
    ] as const) {
      expect((await fetch(`http://127.0.0.1:${app.http.port}${path}`, { method })).status).toBe(404);
    }
    expect((await fetch(`http://127.0.0.1:${app.http.port}/healthz`)).status).toBe(200);
  });

  it('assess: /loop assess opens the modal, an invalid submission is answered inline, the summary is posted and stored', async () => {
    const { double, app } = await http();
    const view = await openAssessModal(double, ALICE, GENERAL, 'assess plg-sales-assist');
    expect(view.callback_id).toBe('assess_modal');

    // The response_action in the HTTP response keeps the modal open with the error, as Slack shows it.
    const { activation: _missing, ...withoutActivation } = scores;
    const { ack: rejected } = await double.submitView({
      userId: ALICE,
      viewId: view.id,
      values: assessValues({ segment: 'plg_sales_assist', channel: GENERAL, scores: withoutActivation }),
      skipClientValidation: true,
    });
    expect(rejected).toEqual({
      response_action: 'errors',
      errors: { 'score:activation': 'Pick a score from 1 to 5 for Activation.' },
    });
    expect(double.topView(ALICE)?.id).toBe(view.id);

    const { ack } = await double.submitView({
      userId: ALICE,
      viewId: view.id,
      values: assessValues({ segment: 'plg_sales_assist', channel: GENERAL, scores }),
    });
    expect(ack).toBeUndefined();
    expect(double.topView(ALICE)).toBeUndefined();
    const post = await double.waitForCall('chat.postMessage', (c) => c.args.channel === GENERAL);
    await app.idle();
    expect(blockText(post.args.blocks)).toContain('Feedback-loop assessment: 3.2 / 5 · Competent');
    const rows = await app.db.selectFrom('assessments').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      user_id: ALICE,
      segment: 'plg_sales_assist',
      target_channel_id: GENERAL,
      posted_ts: post.response.ts,
      post_error: null,
    });
    expectAllDeliveredOverHttp(double, app);
    expect(double.violations).toEqual([]);
  });

  it('MQA: a card is acknowledged by a reply in its thread; Slack retrying that event changes nothing more', async () => {
    const { double, app, clock } = await http();
    const card = await sharedCard(double, app);
    clock.advance(2 * 60 * 60_000);
    await double.event({
      type: 'message',
      channel: SALES_EMEA,
      user: DAVE_SELLER,
      text: 'Ack, on it',
      thread_ts: card.ts,
      ts: '1795000000.000100',
    });
    await app.idle();
    const reply = double.httpDeliveries.at(-1)!;
    expect(reply.kind).toBe('events_api');

    // Slack retries the same delivery (same event_id), as after a timeout or an error.
    const first = await double.retryEvent({ delivery: reply, num: 1, reason: 'http_timeout' });
    const second = await double.retryEvent({ delivery: reply, num: 2, reason: 'http_error' });
    await app.idle();
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(first.headers['x-slack-retry-num']).toBe('1');
    expect(second.headers['x-slack-retry-reason']).toBe('http_error');

    expect(await statusEvents(app)).toEqual([
      { to_status: 'validated', actor: CAROL_REVIEWER },
      { to_status: 'shared', actor: CAROL_REVIEWER },
      { to_status: 'acknowledged', actor: DAVE_SELLER },
    ]);
    const echoes = messagesIn(double, SALES_EMEA).filter(
      (m) => m.thread_ts === card.ts && /Acknowledged/.test(m.text ?? ''),
    );
    expect(echoes).toHaveLength(1);
    const updated = double.callsTo('chat.update').filter((c) => c.args.ts === card.ts);
    expect(blockText(updated.at(-1)!.args.blocks)).toContain(`Acknowledged by <@${DAVE_SELLER}> in 2 hours`);
    expectAllDeliveredOverHttp(double, app);
    expect(double.violations).toEqual([]);
  });

  it('MQA: a retry arriving while the first delivery is still being handled acknowledges once', async () => {
    const { double, app } = await http();
    const card = await sharedCard(double, app);
    // Slack's http_timeout retry does not wait for the first answer: both are in flight together.
    const delivered = double.event({
      type: 'message',
      channel: SALES_EMEA,
      user: DAVE_SELLER,
      text: 'ack',
      thread_ts: card.ts,
      ts: '1795000000.000200',
    });
    const original = double.httpDeliveries.at(-1)!;
    await Promise.all([delivered, double.retryEvent({ delivery: original, num: 1, reason: 'http_timeout' })]);
    await app.idle();
    const [item] = await app.db.selectFrom('mqa_items').select(['status', 'acknowledged_by']).execute();
    expect(item).toEqual({ status: 'acknowledged', acknowledged_by: DAVE_SELLER });
    expect((await statusEvents(app)).filter((e) => e.to_status === 'acknowledged')).toHaveLength(1);
    expect(
      messagesIn(double, SALES_EMEA).filter((m) => m.thread_ts === card.ts && /Acknowledged/.test(m.text ?? '')),
    ).toHaveLength(1);
    expect(double.violations).toEqual([]);
  });

  it('MQA: the Acknowledge button on the card works over HTTP', async () => {
    const { double, app } = await http();
    const card = await sharedCard(double, app);
    const { ack } = await double.blockAction({
      userId: DAVE_SELLER,
      actionId: 'mqa_acknowledge',
      channelId: SALES_EMEA,
      messageTs: card.ts,
    });
    expect(ack).toBeUndefined();
    await app.idle();
    const [item] = await app.db.selectFrom('mqa_items').select(['status', 'acknowledged_by']).execute();
    expect(item).toEqual({ status: 'acknowledged', acknowledged_by: DAVE_SELLER });
    expect(double.violations).toEqual([]);
  });

  it('rituals: added through the modal over HTTP, posted by the scheduler when due', async () => {
    const { double, app, clock } = await start({ transport: 'http', start: new Date('2026-11-24T08:00:00Z') });
    await addRitual(double, app);
    expect(await app.db.selectFrom('rituals').select(['kind', 'channel_id']).execute()).toEqual([
      { kind: 'gtm_review', channel_id: GENERAL },
    ]);
    clock.set(new Date('2026-11-24T09:00:00Z')); // 10:00 in Rome
    await app.tick();
    await app.tick();
    const posts = topLevelPosts(double);
    expect(posts).toHaveLength(1);
    expect(blockText(posts[0].blocks)).toContain('Feedback-loop assessment');
    expect(
      await app.db.selectFrom('ritual_posts').select(['kind', 'status', 'channel_id', 'posted_ts']).execute(),
    ).toEqual([{ kind: 'post', status: 'posted', channel_id: GENERAL, posted_ts: posts[0].ts }]);
    expectAllDeliveredOverHttp(double, app);
    expect(double.violations).toEqual([]);
  });
});

describe('HTTP mode: forged and stale requests', () => {
  /** Expects the simulated user's request to be refused with 401. */
  async function refused(request: Promise<unknown>) {
    const error = await request.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(HttpDeliveryError);
    expect((error as HttpDeliveryError).status).toBe(401);
  }

  it('a forged signature and a stale timestamp get 401, and no listener runs', async () => {
    const { double, app } = await http();
    const callsBefore = double.calls.length;

    // A slash command: no modal, no ephemeral, no Web API call at all.
    double.tamperNext({ signature: 'forged' });
    await refused(double.slashCommand({ command: '/loop', text: 'assess', userId: ALICE, channelId: GENERAL }));
    double.tamperNext({ timestamp: 'stale' });
    await refused(double.slashCommand({ command: '/loop', text: 'help', userId: ALICE, channelId: GENERAL }));
    await app.idle();
    expect(double.calls.length).toBe(callsBefore);
    expect(double.ephemeralsFor(ALICE)).toEqual([]);

    // A modal submission (the modal itself opened by a genuine request): nothing stored, nothing posted.
    const view = await openAssessModal(double, ALICE, GENERAL, 'assess plg-sales-assist');
    const afterOpen = double.calls.length;
    for (const tamper of [{ signature: 'forged' }, { timestamp: 'stale' }] as const) {
      double.tamperNext(tamper);
      await refused(
        double.submitView({
          userId: ALICE,
          viewId: view.id,
          values: assessValues({ segment: 'plg_sales_assist', channel: GENERAL, scores }),
        }),
      );
    }
    await app.idle();
    expect(double.calls.length).toBe(afterOpen);
    expect(await app.db.selectFrom('assessments').selectAll().execute()).toEqual([]);
    expect(double.channel(GENERAL)?.messages).toEqual([]);

    // A click and an event: Bob's Home tab is not published, no ritual list is shown.
    double.tamperNext({ signature: 'forged' });
    await refused(double.event({ type: 'app_home_opened', user: BOB_ADMIN }));
    double.tamperNext({ timestamp: 'stale' });
    await refused(double.event({ type: 'app_home_opened', user: BOB_ADMIN }));
    await app.idle();
    expect(double.publishedHome(BOB_ADMIN)).toBeUndefined();
    expect(double.calls.length).toBe(afterOpen);

    const refusedDeliveries = double.httpDeliveries.filter((d) => d.tamper);
    expect(refusedDeliveries.map((d) => d.status)).toEqual([401, 401, 401, 401, 401, 401]);
    // The stale ones were signed correctly, only too old (more than 5 minutes).
    for (const d of refusedDeliveries.filter((r) => r.tamper?.timestamp === 'stale')) {
      expect(Number(d.headers['x-slack-request-timestamp'])).toBeLessThan(Date.now() / 1000 - 300);
    }

    // Genuine requests still go through afterwards.
    await double.event({ type: 'app_home_opened', user: BOB_ADMIN });
    await app.idle();
    expect(double.publishedHome(BOB_ADMIN)).toBeDefined();
    expect(double.violations).toEqual([]);
  });

  it('a forged or stale event cannot acknowledge an MQA card', async () => {
    const { double, app } = await http();
    const card = await sharedCard(double, app);
    const reply = { type: 'message', channel: SALES_EMEA, user: DAVE_SELLER, text: 'ack', thread_ts: card.ts };
    double.tamperNext({ signature: 'forged' });
    await refused(double.event({ ...reply, ts: '1795000000.000300' }));
    double.tamperNext({ timestamp: 'stale' });
    await refused(double.event({ ...reply, ts: '1795000000.000400' }));
    await app.idle();
    const [item] = await app.db.selectFrom('mqa_items').select(['status', 'acknowledged_by']).execute();
    expect(item).toEqual({ status: 'shared', acknowledged_by: null });
    expect(
      messagesIn(double, SALES_EMEA).filter((m) => m.thread_ts === card.ts && m.user === double.botUserId),
    ).toEqual([]);
  });
});
