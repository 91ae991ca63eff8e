import type { types } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { useDouble } from './fixture.js';

const modal = (title = 'New review'): types.View => ({
  type: 'modal',
  callback_id: 'review_modal',
  private_metadata: JSON.stringify({ channel: 'C0GENERAL' }),
  title: { type: 'plain_text', text: title },
  submit: { type: 'plain_text', text: 'Create' },
  blocks: [
    {
      type: 'input',
      block_id: 'title',
      label: { type: 'plain_text', text: 'Title' },
      element: { type: 'plain_text_input', action_id: 'title_input', max_length: 200 },
    },
    {
      type: 'input',
      block_id: 'kind',
      label: { type: 'plain_text', text: 'Kind' },
      element: {
        type: 'static_select',
        action_id: 'kind_select',
        options: [
          { text: { type: 'plain_text', text: 'GTM review' }, value: 'gtm' },
          { text: { type: 'plain_text', text: 'Assessment' }, value: 'assessment' },
        ],
      },
    },
    {
      type: 'input',
      block_id: 'owner',
      optional: true,
      label: { type: 'plain_text', text: 'Owner' },
      element: { type: 'users_select', action_id: 'owner_select' },
    },
  ],
});

describe('slash command -> modal via the real Bolt App', () => {
  const setup = useDouble();

  it('opens a modal within the trigger window', async () => {
    const { double } = await setup((app) => {
      app.command('/loop', async ({ ack, body, client }) => {
        await ack();
        await client.views.open({ trigger_id: body.trigger_id, view: modal() });
      });
    });
    const { ack, triggerId } = await double.slashCommand({
      command: '/loop',
      text: 'new',
      userId: 'U0ALICE',
      channelId: 'C0GENERAL',
    });
    expect(ack).toBeUndefined();
    const call = await double.waitForCall('views.open');
    expect(call.args.trigger_id).toBe(triggerId);
    expect(call.response.ok).toBe(true);
    const [view] = double.openViews('U0ALICE');
    expect(view?.callback_id).toBe('review_modal');
    expect(JSON.parse(view?.private_metadata ?? '{}')).toEqual({ channel: 'C0GENERAL' });
    expect(double.violations).toEqual([]);
  });

  it('gives expired_trigger_id when the handler is too slow', async () => {
    let error: any;
    const { double } = await setup(
      (app) => {
        app.command('/loop', async ({ ack, body, client }) => {
          await ack();
          await new Promise((r) => setTimeout(r, 300));
          try {
            await client.views.open({ trigger_id: body.trigger_id, view: modal() });
          } catch (e) {
            error = e;
          }
        });
      },
      { double: { triggerWindowMs: 200 } },
    );
    await double.slashCommand({ command: '/loop', userId: 'U0ALICE', channelId: 'C0GENERAL' });
    const call = await double.waitForCall('views.open');
    expect(call.response).toMatchObject({ ok: false, error: 'expired_trigger_id' });
    await expect.poll(() => error?.data?.error).toBe('expired_trigger_id');
    expect(double.openViews()).toEqual([]);
    expect(double.violations).toEqual([]);
  });

  it('allows a trigger_id to be exchanged only once', async () => {
    const errors: string[] = [];
    const { double } = await setup((app) => {
      app.command('/loop', async ({ ack, body, client }) => {
        await ack();
        await client.views.open({ trigger_id: body.trigger_id, view: modal() });
        await client.views.open({ trigger_id: body.trigger_id, view: modal() }).catch((e) => errors.push(e.data.error));
      });
    });
    await double.slashCommand({ command: '/loop', userId: 'U0ALICE', channelId: 'C0GENERAL' });
    await expect.poll(() => errors).toEqual(['exchanged_trigger_id']);
    expect(double.violations.join('\n')).toMatch(/exchanged_trigger_id/);
  });

  it('fails the slash command when the app does not ack within 3 s', async () => {
    const { double } = await setup((app) => {
      app.command('/slow', async ({ ack }) => {
        await new Promise((r) => setTimeout(r, 3300));
        await ack();
      });
    });
    await expect(double.slashCommand({ command: '/slow', userId: 'U0ALICE', channelId: 'C0GENERAL' })).rejects.toThrow(
      /did not ack.*3 s/,
    );
  });

  it('delivers view_submission; response_action errors reach the test as the ack payload', async () => {
    const { double } = await setup((app) => {
      app.command('/loop', async ({ ack, body, client }) => {
        await ack();
        await client.views.open({ trigger_id: body.trigger_id, view: modal() });
      });
      app.view('review_modal', async ({ ack, view, body, client }) => {
        const title = view.state.values.title?.title_input?.value ?? '';
        if (title.length < 3) {
          await ack({ response_action: 'errors', errors: { title: 'Title must be at least 3 characters' } });
          return;
        }
        await ack();
        const kind = view.state.values.kind?.kind_select?.selected_option?.value;
        const meta = JSON.parse(view.private_metadata);
        await client.chat.postMessage({ channel: meta.channel, text: `${body.user.name} created ${kind}: ${title}` });
      });
    });
    await double.slashCommand({ command: '/loop', userId: 'U0ALICE', channelId: 'C0GENERAL' });
    await double.waitForCall('views.open');
    const view = double.openViews('U0ALICE')[0];
    if (!view) throw new Error('no view');

    const rejected = await double.viewSubmission({
      userId: 'U0ALICE',
      viewId: view.id,
      values: double.stateValues(view.id, { title_input: 'ab', kind_select: 'gtm' }),
    });
    expect(rejected.ack).toEqual({
      response_action: 'errors',
      errors: { title: 'Title must be at least 3 characters' },
    });
    expect(double.openViews('U0ALICE')).toHaveLength(1);

    const accepted = await double.submitView({
      userId: 'U0ALICE',
      viewId: view.id,
      values: { title_input: 'Q3 pipeline', kind_select: 'gtm' },
    });
    expect(accepted.ack).toBeUndefined();
    expect(double.openViews('U0ALICE')).toHaveLength(0);
    await double.waitForCall('chat.postMessage');
    expect(double.channel('C0GENERAL')?.messages.map((m) => m.text)).toEqual(['alice created gtm: Q3 pipeline']);
    expect(double.violations).toEqual([]);
  });

  it('flags response_action errors keyed by something that is not an input block', async () => {
    const { double } = await setup((app) => {
      app.command('/loop', async ({ ack, body, client }) => {
        await ack();
        await client.views.open({ trigger_id: body.trigger_id, view: modal() });
      });
      app.view('review_modal', async ({ ack }) => {
        await ack({ response_action: 'errors', errors: { title_input: 'wrong key: this is the action_id' } });
      });
    });
    await double.slashCommand({ command: '/loop', userId: 'U0ALICE', channelId: 'C0GENERAL' });
    await double.waitForCall('views.open');
    const view = double.topView('U0ALICE');
    await double.submitView({
      userId: 'U0ALICE',
      viewId: view?.id ?? '',
      values: { title_input: 'x', kind_select: 'gtm' },
    });
    expect(double.violations).toHaveLength(1);
    expect(double.violations[0]).toMatch(/errors key 'title_input' is not the block_id of an input block/);
  });

  it('refuses to submit a modal whose required input is empty (like the Slack client)', async () => {
    const { double } = await setup((app) => {
      app.command('/loop', async ({ ack, body, client }) => {
        await ack();
        await client.views.open({ trigger_id: body.trigger_id, view: modal() });
      });
    });
    await double.slashCommand({ command: '/loop', userId: 'U0ALICE', channelId: 'C0GENERAL' });
    await double.waitForCall('views.open');
    const view = double.topView('U0ALICE');
    await expect(
      double.submitView({ userId: 'U0ALICE', viewId: view?.id ?? '', values: { title_input: 'x' } }),
    ).rejects.toThrow(/required input 'Kind'/);
  });

  it('supports response_action update and push, views.update with hash, and block actions inside the modal', async () => {
    const { double } = await setup((app) => {
      app.command('/loop', async ({ ack, body, client }) => {
        await ack();
        await client.views.open({
          trigger_id: body.trigger_id,
          view: {
            type: 'modal',
            callback_id: 'picker',
            title: { type: 'plain_text', text: 'Pick' },
            blocks: [
              {
                type: 'actions',
                block_id: 'a',
                elements: [{ type: 'button', action_id: 'more', text: { type: 'plain_text', text: 'More' } }],
              },
            ],
          },
        });
      });
      app.action('more', async ({ ack, body, client }) => {
        await ack();
        const b = body as any;
        await client.views.update({
          view_id: b.view.id,
          hash: b.view.hash,
          view: { ...modal('Updated'), callback_id: 'picker2' },
        });
        await client.views.push({ trigger_id: b.trigger_id, view: modal('Pushed') });
      });
    });
    await double.slashCommand({ command: '/loop', userId: 'U0ALICE', channelId: 'C0GENERAL' });
    await double.waitForCall('views.open');
    const root = double.topView('U0ALICE');
    await double.blockAction({ userId: 'U0ALICE', actionId: 'more', viewId: root?.id ?? '' });
    await double.waitForCall('views.push');
    const stack = double.openViews('U0ALICE');
    expect(stack.map((v) => v.title?.text)).toEqual(['Updated', 'Pushed']);
    expect(stack[1]?.previous_view_id).toBe(root?.id);
    expect(double.callsTo('views.update')[0]?.response.ok).toBe(true);
    expect(double.violations).toEqual([]);
  });
});
