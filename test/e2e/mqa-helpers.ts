import type { SlackDouble } from '../slack-double/index.js';
import { BOB_ADMIN, GENERAL } from '../helpers/loopkeeper.js';

export const REVIEW = 'C0MQAREVIEW';
export const SALES_EMEA = 'C0SALESEMEA';
export const SALES_DIRECT = 'C0SALESDIRECT';
export const SALES_DEFAULT = 'C0SALES';
export const ESCALATIONS = 'C0ESCALATE';
export const CAROL_REVIEWER = 'U0CAROL';
export const DAVE_SELLER = 'U0DAVE';
export const ERIN_SELLER = 'U0ERIN';

/** Channels and people of an MQA setup. */
export function seedMqaWorkspace(double: SlackDouble): void {
  double.addUser({ id: CAROL_REVIEWER, name: 'carol' });
  double.addUser({ id: DAVE_SELLER, name: 'dave' });
  double.addUser({ id: ERIN_SELLER, name: 'erin' });
  for (const [id, name] of [
    [REVIEW, 'mqa-review'],
    [SALES_EMEA, 'sales-emea'],
    [SALES_DIRECT, 'sales-direct'],
    [SALES_DEFAULT, 'sales'],
    [ESCALATIONS, 'sales-escalations'],
  ] as const) {
    double.addChannel({ id, name });
  }
}

export async function openModal(double: SlackDouble, userId: string, text: string) {
  const before = double.callsTo('views.open').length;
  await double.slashCommand({ command: '/loop', text, userId, channelId: GENERAL });
  await double.waitForCall('views.open', (c) => double.callsTo('views.open').indexOf(c) >= before);
  const view = double.topView(userId);
  if (!view) throw new Error(`no modal open after /loop ${text}`);
  return view;
}

/** Bob (workspace admin) saves MQA settings and two routing rules through the modals. */
export async function configureMqa(double: SlackDouble, idle: () => Promise<void>, overrides: Record<string, unknown> = {}) {
  const settings = await openModal(double, BOB_ADMIN, 'mqa settings');
  await double.submitView({
    userId: BOB_ADMIN,
    viewId: settings.id,
    values: {
      'mqa_review_channel/value': REVIEW,
      'mqa_reviewers/value': [CAROL_REVIEWER],
      'mqa_default_channel/value': SALES_DEFAULT,
      'mqa_escalation_channel/value': ESCALATIONS,
      ...overrides,
    },
  });
  await idle();
  for (const rule of [
    { 'mqa_region/value': 'EMEA', 'mqa_route_channel/value': SALES_EMEA, 'mqa_route_owners/value': [DAVE_SELLER, ERIN_SELLER] },
    { 'mqa_route_source/value': 'intent_signal', 'mqa_route_channel/value': SALES_DIRECT },
  ]) {
    const routes = await openModal(double, BOB_ADMIN, 'mqa routes');
    await double.submitView({ userId: BOB_ADMIN, viewId: routes.id, values: rule });
    await idle();
  }
}

export async function addAccount(double: SlackDouble, idle: () => Promise<void>, userId: string, values: Record<string, unknown>) {
  const view = await openModal(double, userId, 'mqa add');
  const result = await double.submitView({ userId, viewId: view.id, values });
  await idle();
  return { view, ack: result.ack };
}

export const messagesIn = (double: SlackDouble, channel: string) => double.channel(channel)?.messages ?? [];

/** Events are acked before the listener runs: give it a moment to start, then wait for the work it queued. */
export async function settle(app: { idle(): Promise<void> }): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 30));
  await app.idle();
}
