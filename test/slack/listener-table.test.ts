import type { App, BlockButtonAction } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { createListenerTable, type Listeners } from '../../src/slack/listener-table.js';
import { useDouble } from '../slack-double/fixture.js';

const modal = {
  type: 'modal' as const,
  callback_id: 'review_modal',
  title: { type: 'plain_text' as const, text: 'Review' },
  submit: { type: 'plain_text' as const, text: 'Save' },
  blocks: [
    {
      type: 'input' as const,
      block_id: 'title',
      label: { type: 'plain_text' as const, text: 'Title' },
      element: { type: 'plain_text_input' as const, action_id: 'title_input' },
    },
  ],
};

const button = (actionId: string, value = actionId) => ({
  type: 'button' as const,
  action_id: actionId,
  value,
  text: { type: 'plain_text' as const, text: actionId },
});

/** A message in #general with the buttons the tests press. */
async function postButtons(app: App, buttons: Array<{ blockId: string; actionIds: string[] }>) {
  await app.client.chat.postMessage({
    channel: 'C0GENERAL',
    text: 'Buttons',
    blocks: buttons.map(({ blockId, actionIds }) => ({
      type: 'actions',
      block_id: blockId,
      elements: actionIds.map((id) => button(id, id === 'pick' ? 'v1' : id)),
    })),
  });
}

/** Registers through a table on the real Bolt app, then installs it, as bootstrap does. */
function withTable(register: (listeners: Listeners, app: App) => void) {
  return (app: App) => {
    const table = createListenerTable(app);
    register(table.listeners, app);
    table.install();
  };
}

describe('the listener table, through the real Bolt app', () => {
  const setup = useDouble();

  it('hands each action, view submission and event to the handler registered for its id', async () => {
    const seen: string[] = [];
    const { double, app } = await setup(
      withTable((listeners, app) => {
        app.command('/loop', async ({ ack, body, client }) => {
          await ack();
          await client.views.open({ trigger_id: body.trigger_id, view: modal });
        });
        listeners.action<BlockButtonAction>('pick', async ({ ack, action }) => {
          await ack();
          seen.push(`pick ${action.value}`);
        });
        listeners.action({ block_id: 'first', action_id: 'go' }, async ({ ack }) => {
          await ack();
          seen.push('go in first');
        });
        listeners.action({ block_id: 'second', action_id: 'go' }, async ({ ack }) => {
          await ack();
          seen.push('go in second');
        });
        listeners.view('review_modal', async ({ ack, view }) => {
          const title = view.state.values.title?.title_input?.value ?? '';
          if (title.length < 3) await ack({ response_action: 'errors', errors: { title: 'Give a longer title.' } });
          else {
            await ack();
            seen.push(`saved ${title}`);
          }
        });
        listeners.event('app_home_opened', async ({ event }) => {
          seen.push(`home ${event.user}`);
        });
      }),
    );

    await postButtons(app, [
      { blockId: 'first', actionIds: ['go', 'pick'] },
      { blockId: 'second', actionIds: ['go'] },
    ]);
    await double.blockAction({ userId: 'U0ALICE', actionId: 'pick', value: 'v1', channelId: 'C0GENERAL' });
    await double.blockAction({ userId: 'U0ALICE', actionId: 'go', blockId: 'second', channelId: 'C0GENERAL' });
    await double.event({ type: 'app_home_opened', user: 'U0BOB' });
    await double.slashCommand({ command: '/loop', userId: 'U0ALICE', channelId: 'C0GENERAL' });
    await double.waitForCall('views.open');
    const [view] = double.openViews('U0ALICE');
    const viewId = view?.id ?? '';
    const refused = await double.viewSubmission({
      userId: 'U0ALICE',
      viewId,
      values: { title: { title_input: { type: 'plain_text_input', value: 'Q' } } },
    });
    expect(refused.ack).toEqual({ response_action: 'errors', errors: { title: 'Give a longer title.' } });
    await double.viewSubmission({
      userId: 'U0ALICE',
      viewId,
      values: { title: { title_input: { type: 'plain_text_input', value: 'Q3 review' } } },
    });

    await expect.poll(() => seen.length).toBe(4);
    // Each handler records after its ack, so the order is not the order sent.
    expect([...seen].sort()).toEqual(['go in second', 'home U0BOB', 'pick v1', 'saved Q3 review']);
    expect(double.violations).toEqual([]);
  });

  it("reports a handler's failure to Bolt's error handler", async () => {
    const errors: string[] = [];
    const { double, app } = await setup(
      withTable((listeners, app) => {
        app.error(async (error) => {
          errors.push((error.original as Error | undefined)?.message ?? error.message);
        });
        listeners.action('boom', async ({ ack }) => {
          await ack();
          throw new Error('the handler failed');
        });
      }),
    );
    await postButtons(app, [{ blockId: 'b', actionIds: ['boom'] }]);
    await double.blockAction({ userId: 'U0ALICE', actionId: 'boom', channelId: 'C0GENERAL' });
    await expect.poll(() => errors).toEqual(['the handler failed']);
  });

  it('refuses, at start-up, registrations it could not route exactly', async () => {
    const attempts: Record<string, (listeners: Listeners) => void> = {
      pattern: (l) => l.action(/^pick/, async () => {}),
      middleware: (l) =>
        l.view(
          'review_modal',
          async ({ next }) => next(),
          async () => {},
        ),
      twice: (l) => {
        l.event('app_home_opened', async () => {});
        l.event('app_home_opened', async () => {});
      },
      constraint: (l) => l.action({ action_id: 'pick', callback_id: 'card' }, async () => {}),
    };
    const refusals: Record<string, string> = {};
    await setup((app) => {
      for (const [name, attempt] of Object.entries(attempts)) {
        try {
          attempt(createListenerTable(app).listeners);
        } catch (error) {
          refusals[name] = (error as Error).message;
        }
      }
      const late = createListenerTable(app);
      late.install();
      try {
        late.listeners.action('pick', async () => {});
      } catch (error) {
        refusals.late = (error as Error).message;
      }
    });
    expect(refusals).toEqual({
      pattern: 'Action listener: only an exact id (a string) can be registered',
      middleware:
        'View review_modal (view_submission): give exactly one handler (listener middleware is not supported here)',
      twice: 'Event app_home_opened is registered twice',
      constraint: 'Action listener: unsupported constraints callback_id',
      late: 'Action pick was registered after the listeners were installed',
    });
  });
});
