import { describe, expect, it } from 'vitest';
import { useDouble } from './fixture.js';

const errorOf = (e: any): string => e?.data?.error ?? String(e);

describe('messages, Block Kit checks and channel rules via the real Bolt App', () => {
  const setup = useDouble();

  it('catches Block Kit violations (modal title 25 chars, 51 message blocks, option text 76 chars)', async () => {
    const errors: Record<string, any> = {};
    const { double } = await setup((app) => {
      app.command('/bad', async ({ ack, body, client }) => {
        await ack();
        await client.views
          .open({
            trigger_id: body.trigger_id,
            view: { type: 'modal', title: { type: 'plain_text', text: 'x'.repeat(25) }, blocks: [] },
          })
          .catch((e) => (errors.title = e.data));
        const blocks = Array.from({ length: 51 }, (_, i) => ({
          type: 'section',
          text: { type: 'mrkdwn', text: `row ${i}` },
        }));
        await client.chat
          .postMessage({ channel: body.channel_id, text: 'rows', blocks })
          .catch((e) => (errors.blocks = e.data));
        await client.chat
          .postMessage({
            channel: body.channel_id,
            text: 'pick',
            blocks: [
              {
                type: 'section',
                text: { type: 'mrkdwn', text: 'Pick one' },
                accessory: {
                  type: 'static_select',
                  action_id: 'pick',
                  options: [{ text: { type: 'plain_text', text: 'o'.repeat(76) }, value: 'v' }],
                },
              },
            ],
          })
          .catch((e) => (errors.option = e.data));
      });
    });
    await double.slashCommand({ command: '/bad', userId: 'U0ALICE', channelId: 'C0GENERAL' });
    await expect.poll(() => Object.keys(errors).length).toBe(3);
    expect(errors.title.error).toBe('invalid_arguments');
    expect(errors.title.response_metadata.messages).toEqual([
      '[ERROR] must be less than 25 characters [json-pointer:/view/title/text]',
    ]);
    expect(errors.blocks.error).toBe('invalid_blocks');
    expect(errors.blocks.response_metadata.messages).toEqual([
      '[ERROR] no more than 50 items allowed [json-pointer:/blocks]',
    ]);
    expect(errors.option.error).toBe('invalid_blocks');
    expect(errors.option.response_metadata.messages).toEqual([
      '[ERROR] must be less than 76 characters [json-pointer:/blocks/0/accessory/options/0/text/text]',
    ]);
    expect(double.violations).toHaveLength(3);
    expect(double.violations[0]).toMatch(/^views\.open: .*\/view\/title\/text/);
    expect(double.channel('C0GENERAL')?.messages).toEqual([]);
  });

  it('answers not_in_channel / channel_not_found / is_archived like Slack, and DMs users', async () => {
    const results: Record<string, string> = {};
    const { double } = await setup((app) => {
      app.command('/post', async ({ ack, client }) => {
        await ack();
        for (const channel of ['C0RANDOM', 'G0SECRET', 'C0OLD', 'C0NOPE', 'U0ALICE', 'C0GENERAL']) {
          results[channel] = await client.chat.postMessage({ channel, text: 'hi' }).then(
            (r) => `ok:${r.channel}`,
            (e) => errorOf(e),
          );
        }
      });
    });
    await double.slashCommand({ command: '/post', userId: 'U0ALICE', channelId: 'C0GENERAL' });
    await expect.poll(() => Object.keys(results).length).toBe(6);
    const dm = double.dmChannel('U0ALICE').id;
    expect(results).toEqual({
      C0RANDOM: 'not_in_channel',
      G0SECRET: 'channel_not_found',
      C0OLD: 'is_archived',
      C0NOPE: 'channel_not_found',
      U0ALICE: `ok:${dm}`,
      C0GENERAL: 'ok:C0GENERAL',
    });
    expect(double.channel('U0ALICE')?.messages.map((m) => m.text)).toEqual(['hi']);
    expect(double.violations).toEqual([]);
  });

  it('lets the real WebClient retry HTTP 500 and 429 + Retry-After; {error} is not retried', async () => {
    const outcomes: string[] = [];
    const { double } = await setup((app) => {
      app.command('/post', async ({ ack, client, body }) => {
        await ack();
        outcomes.push(
          await client.chat.postMessage({ channel: body.channel_id, text: body.text }).then(() => 'ok', errorOf),
        );
      });
    });
    // 1st message: 500, then 429 (Retry-After: 1), then success on the 3rd attempt (retryConfig.retries = 2).
    double.failNext('chat.postMessage', { status: 500 });
    double.failNext('chat.postMessage', { status: 429, retryAfterSeconds: 1 });
    await double.slashCommand({ command: '/post', text: 'first', userId: 'U0ALICE', channelId: 'C0GENERAL' });
    await expect.poll(() => outcomes, { timeout: 5000 }).toEqual(['ok']);
    // 2nd message: a Slack error (HTTP 200, ok:false) is final.
    double.failNext('chat.postMessage', { error: 'fatal_error' });
    await double.slashCommand({ command: '/post', text: 'second', userId: 'U0ALICE', channelId: 'C0GENERAL' });
    await expect.poll(() => outcomes).toEqual(['ok', 'fatal_error']);

    const calls = double.callsTo('chat.postMessage');
    expect(calls.map((c) => c.status)).toEqual([500, 429, 200, 200]);
    expect(calls.map((c) => c.response?.error ?? (c.response?.ok ? 'ok' : c.response))).toEqual([
      'Internal Server Error',
      'ratelimited',
      'ok',
      'fatal_error',
    ]);
    const [, limited, retried] = calls;
    expect((retried?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(950);
    expect(double.channel('C0GENERAL')?.messages.map((m) => m.text)).toEqual(['first']);
  });

  it('rate-limits chat.postMessage per channel when asked to', async () => {
    const { double } = await setup(() => {});
    double.setChannelRateLimit({ perSecond: 1, burst: 2 });
    const post = () =>
      fetch(`${double.apiUrl}chat.postMessage`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${double.botToken}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ channel: 'C0GENERAL', text: 'x' }),
      });
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 3; i += 1) {
      const res = await post();
      statuses.push(res.status);
      if (res.status === 429) retryAfter = res.headers.get('retry-after');
    }
    expect(statuses).toEqual([200, 200, 429]);
    expect(retryAfter).toBe('1');
  });

  it('reconnects after dropSockets() and still handles slash commands', async () => {
    let handled = 0;
    const { double } = await setup((app) => {
      app.command('/ping', async ({ ack }) => {
        handled += 1;
        await ack({ text: 'pong' });
      });
    });
    expect((await double.slashCommand({ command: '/ping', userId: 'U0ALICE', channelId: 'C0GENERAL' })).ack).toEqual({
      text: 'pong',
    });
    double.dropSockets();
    expect(double.connected).toBe(false);
    await expect(double.slashCommand({ command: '/ping', userId: 'U0ALICE', channelId: 'C0GENERAL' })).rejects.toThrow(
      /no Socket Mode client/,
    );
    await double.waitForConnection(15_000);
    expect(double.callsTo('apps.connections.open')).toHaveLength(2);
    expect((await double.slashCommand({ command: '/ping', userId: 'U0ALICE', channelId: 'C0GENERAL' })).ack).toEqual({
      text: 'pong',
    });
    expect(handled).toBe(2);
    expect(double.ephemeralsFor('U0ALICE').map((e) => [e.via, e.text])).toEqual([
      ['ack', 'pong'],
      ['ack', 'pong'],
    ]);
  });

  it('button clicks: payload carries the stored message; respond() replaces the original', async () => {
    const { double } = await setup((app) => {
      app.command('/ask', async ({ ack, say }) => {
        await ack();
        await say({
          text: 'Ready?',
          blocks: [
            { type: 'section', text: { type: 'mrkdwn', text: 'Ready?' } },
            {
              type: 'actions',
              elements: [
                {
                  type: 'button',
                  action_id: 'yes',
                  text: { type: 'plain_text', text: 'Yes' },
                  value: 'y',
                  style: 'primary',
                },
                { type: 'button', action_id: 'no', text: { type: 'plain_text', text: 'No' }, value: 'n' },
              ],
            },
          ],
        });
      });
      app.action('yes', async ({ ack, respond, body, action }) => {
        await ack();
        const b = body as any;
        await respond({
          replace_original: true,
          text: `${b.user.name} said ${(action as any).value} to "${b.message.text}"`,
        });
        await respond({ text: 'Only you can see this' });
      });
    });
    await double.slashCommand({ command: '/ask', userId: 'U0ALICE', channelId: 'C0GENERAL' });
    await double.waitForCall('chat.postMessage');
    await double.blockAction({ userId: 'U0ALICE', actionId: 'yes', channelId: 'C0GENERAL' });
    await expect.poll(() => double.callsTo('response_url').length).toBe(2);
    const [msg] = double.channel('C0GENERAL')?.messages ?? [];
    expect(msg?.text).toBe('alice said y to "Ready?"');
    expect(msg?.blocks).toBeUndefined();
    expect(double.ephemeralsFor('U0ALICE').map((e) => e.text)).toEqual(['Only you can see this']);
    expect(double.violations).toEqual([]);
  });

  it('app_home_opened -> views.publish, postEphemeral and files.uploadV2', async () => {
    const { double } = await setup((app) => {
      app.event('app_home_opened', async ({ event, client }) => {
        await client.views.publish({
          user_id: event.user,
          view: { type: 'home', blocks: [{ type: 'header', text: { type: 'plain_text', text: 'Your loops' } }] },
        });
        await client.chat.postEphemeral({ channel: 'C0GENERAL', user: event.user, text: 'psst' });
        await client.filesUploadV2({
          channel_id: 'C0GENERAL',
          filename: 'report.csv',
          content: 'a,b\n1,2\n',
          initial_comment: 'Weekly report',
        });
      });
    });
    await double.event({ type: 'app_home_opened', user: 'U0BOB' });
    await double.waitForCall('files.completeUploadExternal');
    expect(double.publishedHome('U0BOB')?.blocks[0]?.text.text).toBe('Your loops');
    expect(double.ephemeralsFor('U0BOB').map((e) => e.text)).toEqual(['psst']);
    const [fileMsg] = double.channel('C0GENERAL')?.messages ?? [];
    expect(fileMsg?.text).toBe('Weekly report');
    expect(fileMsg?.files?.[0]?.name).toBe('report.csv');
    expect(double.files()[0]?.bytes?.toString()).toBe('a,b\n1,2\n');
    expect(double.violations).toEqual([]);
  });
});
