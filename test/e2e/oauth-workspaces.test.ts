import { describe, expect, it } from 'vitest';
import type { SlackDouble } from '../../src/slack-double/index.js';
import { assessValues, blockText } from '../helpers/assess-journey.js';
import { useDistributedLoopkeeper } from '../helpers/distributed.js';
import { GTM_REVIEW_VALUES } from '../helpers/rituals-journey.js';
import { unzip } from '../helpers/zip.js';

const startDistributed = useDistributedLoopkeeper();

async function assess(
  double: SlackDouble,
  teamId: string,
  userId: string,
  channelId: string,
  scores: Record<string, number>,
) {
  const workspace = double.workspace(teamId);
  const opened = workspace.callsTo('views.open').length;
  await workspace.slashCommand({ command: '/loop', text: 'assess', userId, channelId });
  await workspace.waitForCall('views.open', (c) => workspace.callsTo('views.open').indexOf(c) >= opened);
  const view = workspace.topView(userId);
  if (!view) throw new Error(`no modal for ${userId}`);
  await workspace.submitView({
    userId,
    viewId: view.id,
    values: assessValues({ segment: 'pure_plg', channel: channelId, scores }),
  });
  return workspace.waitForCall('chat.postMessage', (c) => c.args.channel === channelId);
}

describe('installed into two workspaces through OAuth', () => {
  it('each workspace is served with its own token; neither sees the other', async () => {
    const { double, app, acme, globex, installBoth } = await startDistributed();
    const pages = await installBoth();
    // The page names the workspace, escaped.
    expect(pages[0]).toContain('Loopkeeper is now part of <strong>Acme &lt;Corp&gt;</strong>');
    expect(pages[1]).toContain('<strong>Globex</strong>');
    const installed = await app.db.selectFrom('installations').selectAll().orderBy('team_id').execute();
    expect(installed.map((r) => r.team_id)).toEqual(['T0ACME', 'T0GLOBEX']);
    expect(JSON.stringify(installed)).not.toContain('xoxb-');

    const scores = { data_integration: 4, activation: 4, usage_campaigns: 4, pqls: 4, feedback_loop: 4 };
    const acmePost = await assess(double, 'T0ACME', 'U0ANNA', 'C0ACME', scores);
    const globexPost = await assess(double, 'T0GLOBEX', 'U0GUS', 'C0GLOBEX', { ...scores, pqls: 1 });
    await app.idle();
    expect(acmePost.token).toBe(acme.botToken);
    expect(globexPost.token).toBe(globex.botToken);
    expect(blockText(acmePost.args.blocks)).toContain('4.0 / 5');
    expect(blockText(globexPost.args.blocks)).toContain('3.4 / 5');
    // Every call either workspace saw carried its own token.
    for (const workspace of [acme, globex]) {
      const tokens = new Set(
        workspace.calls.filter((c) => c.method !== 'oauth.v2.access' && c.token).map((c) => c.token),
      );
      expect([...tokens]).toEqual([workspace.botToken]);
    }
    const rows = await app.db.selectFrom('assessments').select(['team_id', 'user_id']).orderBy('team_id').execute();
    expect(rows).toEqual([
      { team_id: 'T0ACME', user_id: 'U0ANNA' },
      { team_id: 'T0GLOBEX', user_id: 'U0GUS' },
    ]);

    // App Home in each workspace shows its own latest score, published with its own token.
    for (const [workspace, userId, score, other] of [
      [acme, 'U0ANNA', '4.0', '3.4'],
      [globex, 'U0GUS', '3.4', '4.0'],
    ] as const) {
      await workspace.event({ type: 'app_home_opened', user: userId, tab: 'home' });
      await workspace.waitForCall('views.publish');
      await app.idle();
      const home = JSON.stringify(workspace.publishedHome(userId)?.blocks);
      expect(home).toContain(score);
      expect(home).not.toContain(`${other} / 5`);
      expect(workspace.callsTo('views.publish').every((c) => c.token === workspace.botToken)).toBe(true);
    }

    // History in one workspace shows its own assessment only.
    await acme.slashCommand({ command: '/loop', text: 'assess history', userId: 'U0ANNA', channelId: 'C0ACME' });
    await app.idle();
    const history = JSON.stringify([...acme.calls].reverse().find((c) => c.method.startsWith('chat.post'))?.args);
    expect(history).toContain('4.0');
    expect(history).not.toContain('3.4');
    expect(double.violations).toEqual([]);
  });

  it("each workspace's GTM review is posted with its own token and digests its own assessment only", async () => {
    const { double, app, clock, acme, globex, installBoth } = await startDistributed({
      start: new Date('2026-11-24T08:00:00Z'),
    });
    await installBoth();
    const scores = { data_integration: 4, activation: 4, usage_campaigns: 4, pqls: 4, feedback_loop: 4 };
    await assess(double, 'T0ACME', 'U0ANNA', 'C0ACME', scores);
    await assess(double, 'T0GLOBEX', 'U0GUS', 'C0GLOBEX', { ...scores, pqls: 1 });
    for (const [workspace, userId, channelId] of [
      [acme, 'U0ANNA', 'C0ACME'],
      [globex, 'U0GUS', 'C0GLOBEX'],
    ] as const) {
      await workspace.slashCommand({ command: '/loop', text: 'rituals', userId, channelId });
      await workspace.waitForCall('response_url');
      const before = workspace.callsTo('views.open').length;
      await workspace.blockAction({ userId, actionId: 'ritual_add' });
      await workspace.waitForCall('views.open', (c) => workspace.callsTo('views.open').indexOf(c) >= before);
      const { ack } = await workspace.submitView({
        userId,
        viewId: workspace.topView(userId)!.id,
        values: { ...GTM_REVIEW_VALUES, 'ritual_channel/value': channelId },
      });
      expect(ack).toBeUndefined();
    }
    await app.idle();
    // 10:00 in Rome on the first Tuesday.
    clock.set(new Date('2026-11-24T09:00:00Z'));
    await app.tick();
    await app.idle();
    for (const [workspace, channelId, own, other] of [
      [acme, 'C0ACME', '4.0', '3.4'],
      [globex, 'C0GLOBEX', '3.4', '4.0'],
    ] as const) {
      const review = workspace
        .callsTo('chat.postMessage')
        .find((c) => c.args.channel === channelId && blockText(c.args.blocks).startsWith('GTM review'));
      expect(review, `the GTM review in ${channelId}`).toBeDefined();
      expect(review!.token).toBe(workspace.botToken);
      const text = blockText(review!.args.blocks);
      expect(text).toContain(own);
      expect(text).not.toContain(`${other} / 5`);
    }
    expect(double.violations).toEqual([]);
  });

  it("one workspace's export holds its own data only, and its delete leaves the other's untouched", async () => {
    const { double, app, acme, globex, installBoth } = await startDistributed();
    await installBoth();
    const scores = { data_integration: 3, activation: 3, usage_campaigns: 3, pqls: 3, feedback_loop: 3 };
    await assess(double, 'T0ACME', 'U0ANNA', 'C0ACME', scores);
    await assess(double, 'T0GLOBEX', 'U0GUS', 'C0GLOBEX', scores);
    await app.idle();

    await acme.slashCommand({ command: '/loop', text: 'data export', userId: 'U0ANNA', channelId: 'C0ACME' });
    await acme.waitForCall('files.completeUploadExternal');
    await app.idle();
    const zip = acme.files().find((f) => f.name.endsWith('.zip'));
    expect(zip?.name).toContain('T0ACME');
    const csv = unzip(zip!.bytes!)
      .map((f) => f.data.toString('utf8'))
      .join('\n');
    expect(csv).toContain('T0ACME');
    expect(csv).not.toContain('T0GLOBEX');
    expect(csv).not.toContain('U0GUS');
    expect(globex.files().filter((f) => f.name.endsWith('.zip'))).toEqual([]);

    const before = acme.callsTo('views.open').length;
    await acme.slashCommand({ command: '/loop', text: 'data delete', userId: 'U0ANNA', channelId: 'C0ACME' });
    await acme.waitForCall('views.open', (c) => acme.callsTo('views.open').indexOf(c) >= before);
    await acme.submitView({
      userId: 'U0ANNA',
      viewId: acme.topView('U0ANNA')!.id,
      values: { 'data_delete_confirm/value': 'DELETE' },
    });
    await app.idle();
    const teams = await app.db.selectFrom('assessments').select('team_id').execute();
    expect(teams).toEqual([{ team_id: 'T0GLOBEX' }]);
    expect(double.violations).toEqual([]);
  });

  it('a workspace whose installation is gone is skipped by the jobs, the other is still served', async () => {
    const { double, app, acme, globex, installBoth } = await startDistributed();
    await installBoth();
    const scores = { data_integration: 3, activation: 3, usage_campaigns: 3, pqls: 3, feedback_loop: 3 };
    await assess(double, 'T0ACME', 'U0ANNA', 'C0ACME', scores);
    await assess(double, 'T0GLOBEX', 'U0GUS', 'C0GLOBEX', scores);
    await app.idle();
    // Both summaries are due again (as after a crash), but Globex's installation is gone.
    await app.db.updateTable('assessment_summary_posts').set({ status: 'pending', lease_until: null }).execute();
    await app.db.updateTable('assessments').set({ posted_ts: null, posted_channel_id: null }).execute();
    await app.db.deleteFrom('installations').where('team_id', '=', 'T0GLOBEX').execute();
    const globexCalls = globex.calls.length;
    await app.tick();
    await app.idle();
    expect(globex.calls.length).toBe(globexCalls);
    expect(
      await app.db.selectFrom('assessment_summary_posts').select(['team_id', 'status']).orderBy('team_id').execute(),
    ).toEqual([
      { team_id: 'T0ACME', status: 'posted' },
      { team_id: 'T0GLOBEX', status: 'pending' },
    ]);
    expect(acme.calls.some((c) => c.method === 'conversations.history' || c.method === 'chat.postMessage')).toBe(true);
  });

  it('an uninstall removes the installation and starts the retention countdown; installing again ends it', async () => {
    const { double, app, installUrl } = await startDistributed();
    await double.oauth.installViaBrowser({ installUrl, teamId: 'T0ACME', userId: 'U0ANNA' });
    await double.uninstall('T0ACME');
    await app.idle();
    const team = () =>
      app.db.selectFrom('teams').select('uninstalled_at').where('team_id', '=', 'T0ACME').executeTakeFirst();
    expect((await team())?.uninstalled_at).not.toBeNull();
    expect(await app.db.selectFrom('installations').selectAll().execute()).toEqual([]);
    const again = await double.oauth.installViaBrowser({ installUrl, teamId: 'T0ACME', userId: 'U0ANNA' });
    expect(again.callback.status).toBe(200);
    await app.idle();
    expect((await team())?.uninstalled_at).toBeNull();
  });

  it('token rotation: an expiring token is refreshed before use, stored sealed, and the post goes out with the new one', async () => {
    const { double, app, acme, installUrl } = await startDistributed();
    // An hour left: tokens that expire within two hours are refreshed on their next use.
    double.oauth.enableTokenRotation({ expiresInSeconds: 3600 });
    await double.oauth.installViaBrowser({ installUrl, teamId: 'T0ACME', userId: 'U0ANNA' });
    const first = acme.botToken;
    const scores = { data_integration: 2, activation: 2, usage_campaigns: 2, pqls: 2, feedback_loop: 2 };
    const post = await assess(double, 'T0ACME', 'U0ANNA', 'C0ACME', scores);
    await app.idle();
    const refreshes = double.callsTo('oauth.v2.access').filter((c) => c.args.grant_type === 'refresh_token');
    expect(refreshes.length).toBeGreaterThanOrEqual(1);
    // Each refreshed token expires within the hour too, so every use refreshes again: the post carries one of them.
    expect(refreshes.map((c) => c.response.access_token)).toContain(post.token);
    expect(post.token).not.toBe(first);
    const stored = await app.db.selectFrom('installations').selectAll().executeTakeFirstOrThrow();
    expect(stored.bot_token_expires_at).not.toBeNull();
    expect(JSON.stringify(stored)).not.toMatch(/xoxb-|xoxe/);
  });

  it('a cancelled install shows a page that says so, with a link to try again', async () => {
    const { double, app, installUrl } = await startDistributed();
    const flow = await double.oauth.installViaBrowser({ installUrl, teamId: 'T0ACME', userId: 'U0ANNA', deny: true });
    expect(flow.callback.status).toBe(403);
    expect(flow.callback.body).toContain('Loopkeeper was not installed');
    expect(flow.callback.body).toContain('it was cancelled');
    expect(flow.callback.body).toContain('href="/slack/install"');
    expect(await app.db.selectFrom('installations').selectAll().execute()).toEqual([]);
  });
});
