import type { Db } from '../../src/db/open-database.js';
import type { SlackDouble } from '../../src/slack-double/index.js';

/** Simple `block_id/value` answers for the risk form. */
export function riskValues(input: {
  category?: string;
  title?: string;
  description?: string;
  likelihood?: number | string;
  impact?: number | string;
  mitigation?: string;
  kpis?: string;
  owner?: string;
  reviewDate?: string;
}) {
  const values: Record<string, unknown> = {};
  const set = (block: string, value: unknown) => {
    if (value !== undefined) values[`${block}/value`] = typeof value === 'number' ? String(value) : value;
  };
  set('risk_category', input.category);
  set('risk_title', input.title);
  set('risk_description', input.description);
  set('risk_likelihood', input.likelihood);
  set('risk_impact', input.impact);
  set('risk_mitigation', input.mitigation);
  set('risk_kpis', input.kpis);
  set('risk_owner', input.owner);
  set('risk_review_date', input.reviewDate);
  return values;
}

/** Waits for the next views.open after `before` calls and returns the user's top modal. */
export async function nextModal(double: SlackDouble, userId: string, before: number) {
  await double.waitForCall('views.open', (c) => double.callsTo('views.open').indexOf(c) >= before && c.response.ok);
  const view = double.topView(userId);
  if (!view) throw new Error('no modal open');
  return view;
}

/** `/loop risk add` -> the add modal. */
export async function openAddRisk(double: SlackDouble, userId: string, channelId: string) {
  const before = double.callsTo('views.open').length;
  await double.slashCommand({ command: '/loop', text: 'risk add', userId, channelId });
  return nextModal(double, userId, before);
}

/** Adds a risk through the modal and returns the submission's ack. */
export async function addRisk(
  double: SlackDouble,
  userId: string,
  channelId: string,
  values: Parameters<typeof riskValues>[0],
) {
  const view = await openAddRisk(double, userId, channelId);
  return double.submitView({ userId, viewId: view.id, values: riskValues(values) });
}

/** `/loop risk list [args]` and the ephemeral answer. */
export async function listRisks(double: SlackDouble, userId: string, channelId: string, args = '') {
  const before = double.callsTo('response_url').length;
  await double.slashCommand({ command: '/loop', text: `risk list ${args}`.trim(), userId, channelId });
  await double.waitForCall('response_url', (c) => double.callsTo('response_url').indexOf(c) >= before);
  const last = double.ephemeralsFor(userId).at(-1);
  if (!last) throw new Error('no ephemeral answer to /loop risk list');
  return last;
}

/** Writes `count` open risks straight into the database (scores 1-25, owners alternating alice/bob, a third overdue). */
export async function seedRisks(db: Db, count: number) {
  const at = '2026-11-23T10:00:00.000Z';
  for (let i = 0; i < count; i++) {
    const likelihood = (i % 5) + 1;
    const impact = (Math.floor(i / 5) % 5) + 1;
    const { id } = await db
      .insertInto('risks')
      .values({
        team_id: 'T0TEST',
        category: 'other',
        title: `Risk number ${i} ${'with a long title '.repeat(6)}`,
        description: '',
        likelihood,
        impact,
        score: likelihood * impact,
        mitigation: '',
        kpis: '',
        owner_id: i % 2 ? 'U0ALICE' : 'U0BOB',
        review_date: i % 3 ? '2026-12-01' : '2026-11-01',
        created_by: 'U0ALICE',
        created_at: at,
        updated_at: at,
        source_view_id: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('risk_events')
      .values({
        risk_id: id,
        team_id: 'T0TEST',
        type: 'created',
        actor: 'U0ALICE',
        at,
        likelihood,
        impact,
        score: likelihood * impact,
        changes: null,
        note: null,
        source_view_id: null,
      })
      .execute();
  }
}
