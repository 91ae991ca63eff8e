import type { App } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import {
  HttpDeliveryError,
  SlackDouble,
  type SlackDoubleOptions,
  slackSignature,
} from '../../src/slack-double/index.js';
import { startBoltHttpApp } from './test-app.js';

let double: SlackDouble | undefined;
let app: App | undefined;
afterEach(async () => {
  await app?.stop();
  await double?.stop();
  app = undefined;
  double = undefined;
});

/** The double + the real Bolt App on its default HTTPReceiver, the double delivering over signed HTTP. */
async function setup(register: (app: App) => void, options: SlackDoubleOptions = {}) {
  double = await SlackDouble.start(options);
  double.addUser({ id: 'U0ALICE', name: 'alice' });
  double.addChannel({ id: 'C0GENERAL', name: 'general' });
  const started = await startBoltHttpApp(double, register);
  app = started.app;
  return { double, app, logger: started.logger, requestUrl: started.requestUrl };
}

const modal = (callbackId: string) => ({
  type: 'modal' as const,
  callback_id: callbackId,
  title: { type: 'plain_text' as const, text: 'Name' },
  submit: { type: 'plain_text' as const, text: 'Save' },
  blocks: [
    {
      type: 'input',
      block_id: 'name',
      label: { type: 'plain_text', text: 'Name' },
      element: { type: 'plain_text_input', action_id: 'value' },
    },
  ],
});

describe('HTTP delivery to the real Bolt HTTPReceiver', () => {
  it('verifies the request URL, then signs a form-encoded slash command whose response body is the ack', async () => {
    const seen: any[] = [];
    const { double, requestUrl } = await setup((app) => {
      app.command('/loop', async ({ ack, command }) => {
        seen.push(command);
        await ack(command.text === 'plain' ? 'Just text' : { text: 'Usage', response_type: 'ephemeral' });
      });
    });
    expect(double.transport).toBe('http');
    const [verification] = double.httpDeliveries;
    expect(verification).toMatchObject({ kind: 'url_verification', status: 200 });
    expect(JSON.parse(verification!.responseBody!).challenge).toBe(verification!.payload.challenge);

    const { ack } = await double.slashCommand({
      command: '/loop',
      text: 'help',
      userId: 'U0ALICE',
      channelId: 'C0GENERAL',
    });
    expect(ack).toEqual({ text: 'Usage', response_type: 'ephemeral' });
    expect(seen[0]).toMatchObject({ command: '/loop', text: 'help', user_id: 'U0ALICE', channel_id: 'C0GENERAL' });
    const delivery = double.httpDeliveries.at(-1)!;
    expect(delivery.url).toBe(requestUrl);
    expect(delivery.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(new URLSearchParams(delivery.body).get('command')).toBe('/loop');
    const ts = delivery.headers['x-slack-request-timestamp']!;
    expect(Math.abs(Number(ts) - Date.now() / 1000)).toBeLessThan(5);
    expect(delivery.headers['x-slack-signature']).toBe(slackSignature(double.signingSecret, ts, delivery.body));

    // A plain-text response body is shown to the person as an ephemeral message, as Slack does.
    const plain = await double.slashCommand({
      command: '/loop',
      text: 'plain',
      userId: 'U0ALICE',
      channelId: 'C0GENERAL',
    });
    expect(plain.ack).toEqual({ text: 'Just text' });
    expect(double.ephemeralsFor('U0ALICE').map((e) => e.text)).toEqual(['Usage', 'Just text']);
    expect(double.violations).toEqual([]);
  });

  it('sends interactivity as payload=<json> and honours a view_submission response_action', async () => {
    const { double } = await setup((app) => {
      app.command('/loop', async ({ ack, body, client }) => {
        await ack();
        await client.views.open({ trigger_id: body.trigger_id, view: modal('name_modal') });
      });
      app.view('name_modal', async ({ ack, view }) => {
        const name = view.state.values.name?.value?.value ?? '';
        if (name.length < 3) await ack({ response_action: 'errors', errors: { name: 'At least 3 characters.' } });
        else await ack();
      });
    });
    await double.slashCommand({ command: '/loop', userId: 'U0ALICE', channelId: 'C0GENERAL' });
    const view = await double.waitForCall('views.open').then(() => double!.topView('U0ALICE')!);
    const rejected = await double.submitView({ userId: 'U0ALICE', viewId: view.id, values: { 'name/value': 'ab' } });
    expect(rejected.ack).toEqual({ response_action: 'errors', errors: { name: 'At least 3 characters.' } });
    expect(double.topView('U0ALICE')?.id).toBe(view.id);
    const submission = double.httpDeliveries.at(-1)!;
    expect(submission.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(JSON.parse(new URLSearchParams(submission.body).get('payload')!)).toMatchObject({
      type: 'view_submission',
      view: { id: view.id, callback_id: 'name_modal' },
    });
    const accepted = await double.submitView({ userId: 'U0ALICE', viewId: view.id, values: { 'name/value': 'abc' } });
    expect(accepted.ack).toBeUndefined();
    expect(double.topView('U0ALICE')).toBeUndefined();
    expect(double.violations).toEqual([]);
  });

  it('sends events as JSON event_callback; a retry repeats the body with X-Slack-Retry-Num and a fresh signature', async () => {
    const seen: Array<{ eventId: string; retryNum?: number; retryReason?: string }> = [];
    const { double } = await setup((app) => {
      app.event('reaction_added', async ({ body, context }) => {
        seen.push({ eventId: body.event_id, retryNum: context.retryNum, retryReason: context.retryReason });
      });
    });
    await double.event({ type: 'reaction_added', user: 'U0ALICE', reaction: 'eyes', item: { type: 'message' } });
    const first = double.httpDeliveries.at(-1)!;
    expect(first.headers['content-type']).toBe('application/json');
    expect(JSON.parse(first.body)).toMatchObject({ type: 'event_callback', event: { type: 'reaction_added' } });
    expect(first.headers['x-slack-retry-num']).toBeUndefined();

    const retry = await double.retryEvent({ num: 1, reason: 'http_timeout' });
    expect(retry.body).toBe(first.body);
    expect(retry.headers).toMatchObject({ 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
    expect(retry.status).toBe(200);
    await expect.poll(() => seen.length).toBe(2);
    expect(seen[1]).toEqual({ eventId: seen[0]!.eventId, retryNum: 1, retryReason: 'http_timeout' });
    expect(seen[0]!.retryNum).toBeUndefined();
  });

  it('a forged signature, a missing one and a stale timestamp get 401 and reach no listener', async () => {
    const seen: string[] = [];
    const { double } = await setup((app) => {
      app.command('/loop', async ({ ack }) => {
        seen.push('command');
        await ack();
      });
      app.event('reaction_added', async () => {
        seen.push('event');
      });
    });
    for (const tamper of [{ signature: 'forged' }, { signature: 'missing' }, { timestamp: 'stale' }] as const) {
      double.tamperNext(tamper);
      const error = await double
        .slashCommand({ command: '/loop', userId: 'U0ALICE', channelId: 'C0GENERAL' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HttpDeliveryError);
      expect((error as HttpDeliveryError).status).toBe(401);
      expect(double.httpDeliveries.at(-1)).toMatchObject({ tamper, status: 401 });
    }
    double.tamperNext({ timestamp: 'stale' });
    await expect(double.event({ type: 'reaction_added', user: 'U0ALICE', reaction: 'eyes' })).rejects.toMatchObject({
      status: 401,
    });
    const stale = double.httpDeliveries.at(-1)!;
    expect(Number(stale.headers['x-slack-request-timestamp'])).toBeLessThan(Date.now() / 1000 - 5 * 60);
    // Signed correctly for its (old) timestamp: only the age is wrong.
    expect(stale.headers['x-slack-signature']).toBe(
      slackSignature(double.signingSecret, stale.headers['x-slack-request-timestamp']!, stale.body),
    );
    expect(seen).toEqual([]);
    // Untampered deliveries still work.
    await double.slashCommand({ command: '/loop', userId: 'U0ALICE', channelId: 'C0GENERAL' });
    expect(seen).toEqual(['command']);
  });

  it('rejects when the app does not answer within the ack window, and refuses a URL that does not echo the challenge', async () => {
    const { double } = await setup(
      (app) => {
        app.command('/slow', async ({ ack }) => {
          await new Promise((resolve) => setTimeout(resolve, 1500));
          await ack();
        });
      },
      { ackTimeoutMs: 300 },
    );
    await expect(double.slashCommand({ command: '/slow', userId: 'U0ALICE', channelId: 'C0GENERAL' })).rejects.toThrow(
      /did not answer slash command \/slow .* within 300 ms/,
    );
    expect(double.httpDeliveries.at(-1)?.error).toBe('http_timeout');
    await expect(double.deliverOverHttp({ requestUrl: `${double.baseUrl}/not-the-app` })).rejects.toThrow(
      /didn't respond with the value of the challenge parameter .*HTTP 404/,
    );
    // The working URL stays in use; back to Socket Mode on request.
    expect(double.transport).toBe('http');
    double.deliverOverSocket();
    expect(double.transport).toBe('socket');
    await expect(double.slashCommand({ command: '/slow', userId: 'U0ALICE', channelId: 'C0GENERAL' })).rejects.toThrow(
      /no Socket Mode client is connected/,
    );
    await new Promise((resolve) => setTimeout(resolve, 1300)); // let the slow listener finish before stop
  });
});
