import { describe, expect, it } from 'vitest';
import { useDouble } from './fixture.js';

describe('response_url, ephemeral interactions and view_closed via the real Bolt App', () => {
  const setup = useDouble();

  it('response_url: in_channel posts, ephemeral by default, delete_original, at most 5 uses', async () => {
    const { double } = await setup((app) => {
      app.command('/loop', async ({ ack }) => ack());
    });
    const { responseUrl } = await double.slashCommand({ command: '/loop', userId: 'U0ALICE', channelId: 'C0RANDOM' });
    const post = (body: unknown) =>
      fetch(responseUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await post({ text: 'just you' })).status).toBe(200);
    expect((await post({ response_type: 'in_channel', text: 'everyone' })).status).toBe(200);
    expect((await post({ text: 'x'.repeat(40_001) })).status).toBe(400);
    expect((await post({ text: 'four' })).status).toBe(200);
    expect((await post({ text: 'five' })).status).toBe(200);
    const sixth = await post({ text: 'six' });
    expect(sixth.status).toBe(404);
    expect(((await sixth.json()) as any).error).toBe('used_url');
    // in_channel via response_url works even where the bot is not a member (like Slack)
    expect(double.channel('C0RANDOM')?.messages.map((m) => [m.via, m.text])).toEqual([['response_url', 'everyone']]);
    expect(double.ephemeralsFor('U0ALICE').map((e) => e.text)).toEqual(['just you', 'four', 'five']);
    expect(double.callsTo('response_url').map((c) => c.status)).toEqual([200, 200, 400, 200, 200, 404]);
    expect(double.violations).toHaveLength(2);
    expect(double.violations[0]).toMatch(/^response_url: .*\/text/);
    expect(double.violations[1]).toMatch(/used_url/);
  });

  it('clicks in an ephemeral message; respond({ delete_original }) removes it', async () => {
    const { double } = await setup((app) => {
      app.command('/confirm', async ({ ack }) => {
        await ack({
          text: 'Delete the loop?',
          blocks: [
            { type: 'section', text: { type: 'mrkdwn', text: 'Delete the loop?' } },
            {
              type: 'actions',
              elements: [
                {
                  type: 'button',
                  action_id: 'really',
                  text: { type: 'plain_text', text: 'Delete' },
                  style: 'danger',
                  value: 'L1',
                },
              ],
            },
          ],
        });
      });
      app.action('really', async ({ ack, respond, body }) => {
        await ack();
        expect((body as any).container.is_ephemeral).toBe(true);
        await respond({ delete_original: true });
      });
    });
    await double.slashCommand({ command: '/confirm', userId: 'U0BOB', channelId: 'C0GENERAL' });
    expect(double.ephemeralsFor('U0BOB')).toHaveLength(1);
    await double.blockAction({ userId: 'U0BOB', actionId: 'really' });
    await double.waitForCall('response_url');
    expect(double.ephemeralsFor('U0BOB')).toEqual([]);
    expect(double.ephemeralsFor('U0BOB', { includeDeleted: true })).toHaveLength(1);
    expect(double.violations).toEqual([]);
  });

  it('select menus send selected_option with the option text; view_closed only with notify_on_close', async () => {
    const seen: any[] = [];
    const { double } = await setup((app) => {
      app.command('/loop', async ({ ack, body, client }) => {
        await ack();
        await client.views.open({
          trigger_id: body.trigger_id,
          view: {
            type: 'modal',
            callback_id: 'pick',
            notify_on_close: true,
            title: { type: 'plain_text', text: 'Pick' },
            blocks: [
              {
                type: 'section',
                block_id: 'cadence',
                text: { type: 'mrkdwn', text: 'Cadence' },
                accessory: {
                  type: 'static_select',
                  action_id: 'cadence',
                  options: [
                    { text: { type: 'plain_text', text: 'Weekly' }, value: 'weekly' },
                    { text: { type: 'plain_text', text: 'Monthly' }, value: 'monthly' },
                  ],
                },
              },
            ],
          },
        });
      });
      app.action('cadence', async ({ ack, action }) => {
        await ack();
        seen.push(action);
      });
      app.view({ callback_id: 'pick', type: 'view_closed' }, async ({ ack, body }) => {
        await ack();
        seen.push({ closed: body.view.id });
      });
    });
    await double.slashCommand({ command: '/loop', userId: 'U0ALICE', channelId: 'C0GENERAL' });
    await double.waitForCall('views.open');
    const view = double.topView('U0ALICE');
    await double.blockAction({ userId: 'U0ALICE', actionId: 'cadence', selectedOption: { value: 'monthly' } });
    await expect(
      double.blockAction({ userId: 'U0ALICE', actionId: 'cadence', selectedOption: { value: 'daily' } }),
    ).rejects.toThrow(/no option with value 'daily'/);
    const closed = await double.viewClosed({ userId: 'U0ALICE', viewId: view?.id ?? '' });
    expect(closed.notified).toBe(true);
    expect(seen).toEqual([
      {
        type: 'static_select',
        action_id: 'cadence',
        block_id: 'cadence',
        action_ts: expect.any(String),
        selected_option: { text: { type: 'plain_text', text: 'Monthly' }, value: 'monthly' },
      },
      { closed: view?.id },
    ]);
    expect(double.openViews()).toEqual([]);
  });

  it("an input block select sends block_actions only with dispatch_action, with the modal's full state", async () => {
    const seen: any[] = [];
    const select = (blockId: string, dispatch: boolean) => ({
      type: 'input',
      block_id: blockId,
      ...(dispatch ? { dispatch_action: true } : {}),
      label: { type: 'plain_text', text: blockId },
      element: {
        type: 'static_select',
        action_id: 'value',
        options: [
          { text: { type: 'plain_text', text: 'Weekly' }, value: 'weekly' },
          { text: { type: 'plain_text', text: 'Monthly' }, value: 'monthly' },
        ],
        initial_option: { text: { type: 'plain_text', text: 'Weekly' }, value: 'weekly' },
      },
    });
    const { double } = await setup((app) => {
      app.command('/loop', async ({ ack, body, client }) => {
        await ack();
        await client.views.open({
          trigger_id: body.trigger_id,
          view: {
            type: 'modal',
            callback_id: 'pick',
            title: { type: 'plain_text', text: 'Pick' },
            submit: { type: 'plain_text', text: 'Save' },
            blocks: [
              select('cadence', true),
              select('quiet', false),
              {
                type: 'input',
                block_id: 'name',
                label: { type: 'plain_text', text: 'Name' },
                element: { type: 'plain_text_input', action_id: 'value', initial_value: 'Review' },
              },
            ],
          },
        });
      });
      app.action({ block_id: 'cadence', action_id: 'value' }, async ({ ack, body }) => {
        await ack();
        seen.push((body as any).view.state.values);
      });
    });
    await double.slashCommand({ command: '/loop', userId: 'U0ALICE', channelId: 'C0GENERAL' });
    await double.waitForCall('views.open');
    await expect(
      double.blockAction({
        userId: 'U0ALICE',
        actionId: 'value',
        blockId: 'quiet',
        selectedOption: { value: 'monthly' },
      }),
    ).rejects.toThrow(/no dispatch_action/);
    await double.blockAction({
      userId: 'U0ALICE',
      actionId: 'value',
      blockId: 'cadence',
      selectedOption: { value: 'monthly' },
    });
    expect(seen).toEqual([
      {
        cadence: {
          value: {
            type: 'static_select',
            selected_option: { text: { type: 'plain_text', text: 'Monthly' }, value: 'monthly' },
          },
        },
        quiet: {
          value: {
            type: 'static_select',
            selected_option: { text: { type: 'plain_text', text: 'Weekly' }, value: 'weekly' },
          },
        },
        name: { value: { type: 'plain_text_input', value: 'Review' } },
      },
    ]);
  });

  it('a disconnect message makes the client reconnect', async () => {
    const { double } = await setup((app) => {
      app.command('/ping', async ({ ack }) => ack('pong'));
    });
    double.sendDisconnect('refresh_requested');
    await expect.poll(() => double.connected, { timeout: 2000 }).toBe(false);
    await double.waitForConnection(15_000);
    expect((await double.slashCommand({ command: '/ping', userId: 'U0ALICE', channelId: 'C0GENERAL' })).ack).toEqual({
      text: 'pong',
    });
  });

  it('delivers message events; say() replies in the thread; history shows both', async () => {
    const { double } = await setup((app) => {
      app.message('hello', async ({ message, say }) => {
        await say({ text: 'hi there', thread_ts: (message as any).ts });
      });
    });
    await double.event({ type: 'message', channel: 'C0GENERAL', user: 'U0ALICE', text: 'hello bot' });
    const reply = await double.waitForCall('chat.postMessage');
    const [userMsg, botMsg] = double.channel('C0GENERAL')?.messages ?? [];
    expect(userMsg).toMatchObject({ user: 'U0ALICE', text: 'hello bot', via: 'event' });
    expect(botMsg).toMatchObject({ user: double.botUserId, text: 'hi there', thread_ts: userMsg?.ts });
    expect(reply.args.thread_ts).toBe(userMsg?.ts);
    expect(double.violations).toEqual([]);
  });
});
