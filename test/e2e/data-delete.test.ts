import { describe, expect, it } from 'vitest';
import type { SlackDouble } from '../../src/slack-double/index.js';
import { slackSignature } from '../../src/slack-double/index.js';
import { blockText } from '../helpers/assess-journey.js';
import {
  ALICE,
  BOB_ADMIN,
  GENERAL,
  setLoopkeeperAdmin,
  slackRequestUrl,
  useLoopkeeper,
} from '../helpers/loopkeeper.js';
import { countTeamRows, OTHER_TEAM, seedInstallation, seedTeamData } from '../helpers/team-data.js';

const start = useLoopkeeper();
const TEAM = 'T0TEST';
const CAROL = 'U0CAROL';

async function openDeleteModal(double: SlackDouble, userId: string) {
  const before = double.callsTo('views.open').length;
  await double.slashCommand({ command: '/loop', text: 'data delete', userId, channelId: GENERAL });
  await double.waitForCall('views.open', (c) => double.callsTo('views.open').indexOf(c) >= before);
  return double.topView(userId)!;
}

const zeroes = (counts: Record<string, number>) => Object.fromEntries(Object.keys(counts).map((t) => [t, 0]));
const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
const deletedAnswers = (double: SlackDouble, userId: string) =>
  double
    .ephemeralsFor(userId)
    .map((e) => blockText(e.blocks))
    .filter((t) => t.includes('Deleted all') || t.includes('nothing to delete'));

describe('/loop data delete', () => {
  it('refuses people who are not Loopkeeper admins, naming who may, without opening a modal', async () => {
    const { double } = await start();
    await double.slashCommand({ command: '/loop', text: 'data delete', userId: ALICE, channelId: GENERAL });
    await double.waitForCall('response_url');
    expect(blockText(double.ephemeralsFor(ALICE).at(-1)?.blocks)).toBe(
      ":lock: Only Loopkeeper admins can delete the workspace's data. Workspace admins and owners are admins, and they can add others in `/loop settings`.",
    );
    expect(double.callsTo('views.open')).toEqual([]);
  });

  it('keeps the modal open with an inline error for anything but DELETE, then deletes this team only', async () => {
    const { double, app } = await start();
    const seeded = await seedTeamData(app.db, TEAM);
    const other = await seedTeamData(app.db, OTHER_TEAM, 'U0OTHER');
    await seedInstallation(app.db, TEAM);
    await seedInstallation(app.db, OTHER_TEAM);

    const view = await openDeleteModal(double, BOB_ADMIN);
    expect(view.title.text).toBe('Delete workspace data');
    for (const [typed, error] of [
      ['delete', 'Type DELETE in capital letters to confirm. Nothing was deleted.'],
      ['yes please', 'Type DELETE to confirm. Nothing was deleted.'],
      ['T0TEST', 'Type DELETE to confirm. Nothing was deleted.'],
    ] as const) {
      const { ack } = await double.submitView({
        userId: BOB_ADMIN,
        viewId: view.id,
        values: { 'data_delete_confirm/value': typed },
      });
      expect(ack).toEqual({ response_action: 'errors', errors: { data_delete_confirm: error } });
    }
    await app.idle();
    expect(await countTeamRows(app.db, TEAM)).toEqual(seeded);

    const { ack } = await double.submitView({
      userId: BOB_ADMIN,
      viewId: view.id,
      values: { 'data_delete_confirm/value': '  DELETE ' },
    });
    expect(ack).toBeUndefined();
    await app.idle();

    expect(await countTeamRows(app.db, TEAM)).toEqual(zeroes(seeded));
    expect(await countTeamRows(app.db, OTHER_TEAM)).toEqual(other);
    // Loopkeeper stays installed in both workspaces.
    expect(
      (await app.db.selectFrom('installations').select('team_id').orderBy('team_id').execute()).map((r) => r.team_id),
    ).toEqual([OTHER_TEAM, TEAM]);

    const tables = Object.values(seeded).filter((n) => n > 0).length;
    const [answer, ...more] = deletedAnswers(double, BOB_ADMIN);
    expect(more).toEqual([]);
    expect(answer).toContain(
      `:wastebasket: Deleted all of this workspace's Loopkeeper data: ${total(seeded)} rows from ${tables} tables.`,
    );
    expect(answer).toContain('• `teams`: 1 row');
    expect(answer).toContain('• `assessment_scores`: 2 rows');
    expect(answer).toContain('• `follow_ups`: 1 row');
    expect(answer).toContain(
      'Loopkeeper admins went too: workspace admins and owners can add them again in `/loop settings`.',
    );

    // Again, on an empty workspace: nothing to delete, still nothing of the other team touched.
    const again = await openDeleteModal(double, BOB_ADMIN);
    await double.submitView({ userId: BOB_ADMIN, viewId: again.id, values: { 'data_delete_confirm/value': 'DELETE' } });
    await app.idle();
    expect(deletedAnswers(double, BOB_ADMIN).at(-1)).toBe(
      ":wastebasket: There was nothing to delete: this workspace's Loopkeeper data was already gone.",
    );
    expect(await countTeamRows(app.db, OTHER_TEAM)).toEqual(other);
    expect(double.violations).toEqual([]);
  });

  it('refuses a submission from someone who lost admin rights while the modal was open', async () => {
    const { double, app } = await start();
    double.addUser({ id: CAROL, name: 'carol' });
    const seeded = await seedTeamData(app.db, TEAM);
    await setLoopkeeperAdmin(app, CAROL);
    const view = await openDeleteModal(double, CAROL);
    await setLoopkeeperAdmin(app, CAROL, false);
    await double.submitView({ userId: CAROL, viewId: view.id, values: { 'data_delete_confirm/value': 'DELETE' } });
    await app.idle();
    expect(await countTeamRows(app.db, TEAM)).toEqual(seeded);
    expect(blockText(double.ephemeralsFor(CAROL).at(-1)?.blocks)).toBe(
      ":lock: Only Loopkeeper admins can delete the workspace's data. Workspace admins and owners are admins, and they can add others in `/loop settings`.",
    );
  });

  it('answers a redelivered submission once, and deletes nothing more', async () => {
    const { double, app } = await start({ transport: 'http' });
    const seeded = await seedTeamData(app.db, TEAM);
    const view = await openDeleteModal(double, BOB_ADMIN);
    await double.submitView({ userId: BOB_ADMIN, viewId: view.id, values: { 'data_delete_confirm/value': 'DELETE' } });
    await app.idle();
    expect(await countTeamRows(app.db, TEAM)).toEqual(zeroes(seeded));

    // Slack sends the same submission again (its first delivery looked lost): same body, a fresh signature.
    const other = await seedTeamData(app.db, OTHER_TEAM, 'U0OTHER');
    const first = double.httpDeliveries.filter((d) => d.kind === 'interactive').at(-1)!;
    expect(first.payload.type ?? JSON.parse(first.payload.payload).type).toBe('view_submission');
    const ts = Math.floor(Date.now() / 1000);
    const response = await fetch(slackRequestUrl(app), {
      method: 'POST',
      headers: {
        'content-type': first.headers['content-type']!,
        'x-slack-request-timestamp': String(ts),
        'x-slack-signature': slackSignature(double.signingSecret, ts, first.body),
      },
      body: first.body,
    });
    expect(response.status).toBe(200);
    await app.idle();

    expect(deletedAnswers(double, BOB_ADMIN)).toHaveLength(1);
    expect(await countTeamRows(app.db, OTHER_TEAM)).toEqual(other);
    expect(double.violations).toEqual([]);
  });
});
