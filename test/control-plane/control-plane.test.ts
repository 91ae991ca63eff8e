import { describe, expect, it } from 'vitest';
import { setupResultMessage } from '../../src/features/control-plane/slack/blocks/setup.js';
import type { SlackDouble } from '../../src/slack-double/index.js';
import {
  addAccount,
  configureMqa,
  DAVE_SELLER,
  INGEST_TOKEN,
  postMqa,
  REVIEW,
  SALES_EMEA,
  seedMqaWorkspace,
  validateReview,
} from '../e2e/mqa-helpers.js';
import { assessValues, blockText, openAssessModal } from '../helpers/assess-journey.js';
import { ALICE, BOB_ADMIN, GENERAL, setLoopkeeperAdmin, useLoopkeeper } from '../helpers/loopkeeper.js';
import { addRisk } from '../helpers/risk-journey.js';
import { addRitual, GTM_REVIEW_VALUES, startAnother } from '../helpers/rituals-journey.js';

const start = useLoopkeeper();
type Started = Awaited<ReturnType<typeof start>>;
const MINUTE = 60_000;
const PLANNING = 'C0PLANNING';

/** `/loop settings` -> "Create the GTM Control Plane" -> pick the channel -> Create; waits for the setup's answer. */
async function createFromSettings(
  { double, app }: Pick<Started, 'double' | 'app'>,
  channelId = GENERAL,
  userId = BOB_ADMIN,
) {
  const opened = double.callsTo('views.open').length;
  await double.slashCommand({ command: '/loop', text: 'settings', userId, channelId: GENERAL });
  await double.waitForCall('views.open', (c) => double.callsTo('views.open').indexOf(c) >= opened);
  const settings = double.topView(userId)!;
  const pushed = double.callsTo('views.push').length;
  await double.blockAction({ userId, viewId: settings.id, actionId: 'control_plane_open' });
  await double.waitForCall('views.push', (c) => double.callsTo('views.push').indexOf(c) >= pushed);
  const modal = double.topView(userId)!;
  expect(modal.callback_id).toBe('control_plane_setup');
  const { ack } = await double.submitView({
    userId,
    viewId: modal.id,
    values: { 'control_plane_channel/value': channelId },
  });
  expect(ack).toEqual({ response_action: 'clear' });
  await app.idle();
  return double.canvases().only();
}

/** The canvas's section under `heading`, as markdown. */
function sectionOf(double: SlackDouble, canvasId: string, heading: string): string {
  const canvas = double.canvases().get(canvasId)!;
  const found = canvas.sections.filter((s) => s.headerText === heading);
  expect(found).toHaveLength(1);
  return found[0]!.markdown;
}

/** Which sections the canvases.edit calls since `from` rewrote, by their header. */
const rewritten = (double: SlackDouble, from: number) =>
  double
    .callsTo('canvases.edit')
    .slice(from)
    .filter((c) => c.status === 200 && c.response.ok)
    .map((c) => String(c.args.changes[0].document_content.markdown).split('\n')[0]);

/** Opens the Home tab and returns the view published for it. */
async function openHome({ double, app }: Pick<Started, 'double' | 'app'>, userId: string) {
  const before = double.callsTo('views.publish').length;
  await double.event({ type: 'app_home_opened', user: userId, tab: 'home' });
  const call = await double.waitForCall(
    'views.publish',
    (c) => double.callsTo('views.publish').indexOf(c) >= before && c.args.user_id === userId,
  );
  await app.idle();
  return call.args.view;
}

const dmTexts = (double: SlackDouble, userId: string) =>
  (double.channel(userId)?.messages ?? []).map((m: any) => blockText(m.blocks));

describe('the GTM Control Plane canvas', () => {
  it("is created from /loop settings as the channel's canvas, with every section in order, and announced there", async () => {
    const started = await start();
    const { double } = started;
    const before = await openHome(started, BOB_ADMIN);
    const create = before.blocks.find((b: any) => b.accessory?.action_id === 'control_plane_open') as any;
    expect(create.accessory.text.text).toBe('Create the GTM Control Plane');
    expect(blockText((await openHome(started, ALICE)).blocks)).not.toContain('Control Plane');

    const canvas = await createFromSettings(started);
    expect(canvas).toMatchObject({ kind: 'channel', channelId: GENERAL, title: 'GTM Control Plane' });
    // Everyone's Home points at it now; nobody gets a button to create another.
    const alice = await openHome(started, ALICE);
    expect(blockText(alice.blocks)).toContain(
      `The <https://app.slack.com/docs/T0TEST/${canvas.id}|GTM Control Plane> in <#${GENERAL}> is kept current by Loopkeeper.`,
    );
    expect(JSON.stringify((await openHome(started, BOB_ADMIN)).blocks)).not.toContain('control_plane_open');
    expect(canvas.sections.map((s) => s.headerText)).toEqual([
      'GTM Control Plane',
      'Latest assessment',
      'GTM KPIs this review period',
      'MQA working list',
      'Open follow-up actions',
      'Top risks',
      'Next rituals',
    ]);
    const markdown = double.canvases().markdown(canvas.id);
    expect(markdown).toContain('Last updated Mon 23 Nov 2026, 10:00 UTC · No GTM review posted yet');
    expect(markdown).toContain('No assessment yet. Take one with `/loop assess`.');
    expect(blockText(double.channel(GENERAL)!.messages.at(-1)!.blocks)).toContain(
      `<@${BOB_ADMIN}> made the <https://app.slack.com/docs/T0TEST/${canvas.id}|GTM Control Plane> this channel's canvas`,
    );
    expect(blockText(double.channel(BOB_ADMIN)!.messages.at(-1)!.blocks)).toContain(
      `is the canvas of <#${GENERAL}> now`,
    );
    // Nothing changed: a minute later the job writes nothing.
    started.clock.advance(MINUTE);
    await started.app.tick();
    expect(double.callsTo('canvases.edit')).toEqual([]);

    // Set up again in the same channel: the same canvas, rewritten whole at the next tick.
    const again = await createFromSettings(started);
    expect(again.id).toBe(canvas.id);
    await started.app.tick();
    expect(rewritten(double, 0)).toEqual([
      '## Latest assessment',
      '## GTM KPIs this review period',
      '## MQA working list',
      '## Open follow-up actions',
      '## Top risks',
      '## Next rituals',
      '# GTM Control Plane',
    ]);
    expect(double.canvases().get(canvas.id)!.sections).toHaveLength(7);
    expect(double.violations).toEqual([]);
  });

  it('is a standalone canvas shared in the channel where the plan has no channel canvases', async () => {
    const started = await start();
    started.double.canvases().setPlan({ channelCanvases: false });
    started.double.addChannel({ id: PLANNING, name: 'gtm-planning' });
    const canvas = await createFromSettings(started, PLANNING);
    expect(canvas).toMatchObject({ kind: 'standalone', channelId: PLANNING });
    expect(started.double.callsTo('conversations.canvases.create')[0]?.response.error).toBe(
      'team_tier_cannot_create_channel_canvases',
    );
    expect(blockText(started.double.channel(PLANNING)!.messages.at(-1)!.blocks)).toContain('shared the');
    expect(blockText(started.double.channel(BOB_ADMIN)!.messages.at(-1)!.blocks)).toContain(
      `is shared in <#${PLANNING}> as a standalone canvas (your Slack plan has no channel canvases)`,
    );
    expect(started.double.violations).toEqual([]);
  });

  it('refuses people who are not Loopkeeper admins with the usual wording, and says why a channel failed', async () => {
    const started = await start();
    const { double, app } = started;
    await setLoopkeeperAdmin(app, ALICE);
    await double.slashCommand({ command: '/loop', text: 'settings', userId: ALICE, channelId: GENERAL });
    await double.waitForCall('views.open');
    const settings = double.topView(ALICE)!;
    await setLoopkeeperAdmin(app, ALICE, false);
    await double.blockAction({ userId: ALICE, viewId: settings.id, actionId: 'control_plane_open' });
    await app.idle();
    expect(dmTexts(double, ALICE).at(-1)).toBe(
      ':lock: Only Loopkeeper admins can set up the GTM Control Plane. Workspace admins and owners are admins, and they can add others in `/loop settings`.',
    );
    expect(double.callsTo('views.push')).toEqual([]);

    double.addChannel({ id: 'C0QUIET', name: 'quiet', isMember: false });
    await createFromSettings(started, 'C0QUIET').catch(() => undefined);
    expect(dmTexts(double, BOB_ADMIN).at(-1)).toContain('Loopkeeper is not in that channel: invite @Loopkeeper there');
    expect(await app.db.selectFrom('control_plane_canvases').selectAll().execute()).toEqual([]);
  });

  it('rewrites only the MQA section and the header after an acknowledgement, at most once a minute', async () => {
    const started = await start();
    const { double, app, clock } = started;
    seedMqaWorkspace(double);
    await configureMqa(double, app.idle);
    await addAccount(double, app.idle, ALICE, {
      'mqa_account/value': 'Acme',
      'mqa_domain/value': 'acme.io',
      'mqa_source/value': 'engagement',
      'mqa_region/value': 'EMEA',
    });
    await validateReview(double, app.idle, double.channel(REVIEW)!.messages.at(-1)!.ts);
    const canvas = await createFromSettings(started);
    expect(sectionOf(double, canvas.id, 'MQA working list')).toContain('**Acme** · Shared with Sales · ![](@U0DAVE)');

    const card = (await app.db.selectFrom('mqa_items').select('card_ts').executeTakeFirstOrThrow()).card_ts!;
    await double.blockAction({
      userId: DAVE_SELLER,
      actionId: 'mqa_acknowledge',
      channelId: SALES_EMEA,
      messageTs: card,
    });
    await app.idle();
    // Within the minute after the canvas was written: nothing yet.
    await app.tick();
    expect(double.callsTo('canvases.edit')).toEqual([]);

    clock.advance(MINUTE);
    await app.tick();
    expect(rewritten(double, 0)).toEqual(['## MQA working list', '# GTM Control Plane']);
    expect(sectionOf(double, canvas.id, 'MQA working list')).toContain(
      '1 open account: Acknowledged 1\n- **Acme** · Acknowledged · ![](@U0DAVE) · added today',
    );
    expect(sectionOf(double, canvas.id, 'GTM Control Plane')).toContain('Last updated Mon 23 Nov 2026, 10:01 UTC');
    // Each rewrite is one lookup and one edit: far inside tier 3.
    expect(double.callsTo('canvases.sections.lookup')).toHaveLength(2);

    clock.advance(MINUTE);
    await app.tick();
    expect(double.callsTo('canvases.edit')).toHaveLength(2);
    expect(double.violations).toEqual([]);
  });

  it('links the latest GTM review post in the header once the review is posted, leaving unchanged sections alone', async () => {
    const started = await start();
    const { double, app, clock } = started;
    await addRitual(double, app, GTM_REVIEW_VALUES);
    const canvas = await createFromSettings(started);
    expect(sectionOf(double, canvas.id, 'Next rituals')).toContain(
      '**GTM review** · Tue 24 Nov 2026, 10:00 Europe/Rome',
    );

    clock.set(new Date('2026-11-24T09:00:00Z'));
    await app.tick();
    const post = double.channel(GENERAL)!.messages.find((m: any) => blockText(m.blocks).includes('GTM review'))!;
    expect(post).toBeDefined();
    // The occurrence is under way at 10:00; a minute later the next one is the one in three weeks.
    clock.advance(MINUTE);
    await app.tick();
    const edited = rewritten(double, 0);
    expect(edited).toContain('# GTM Control Plane');
    expect(edited).toContain('## Next rituals');
    for (const untouched of [
      '## Latest assessment',
      '## MQA working list',
      '## Open follow-up actions',
      '## Top risks',
    ])
      expect(edited).not.toContain(untouched);
    expect(sectionOf(double, canvas.id, 'GTM Control Plane')).toContain(
      `[Latest GTM review post](https://loopkeeper-test.slack.com/archives/${GENERAL}/p${post.ts.replace('.', '')}) of Tue 24 Nov 2026`,
    );
    expect(sectionOf(double, canvas.id, 'Next rituals')).toContain(
      '**GTM review** · Tue 15 Dec 2026, 10:00 Europe/Rome',
    );
    expect(double.violations).toEqual([]);
  });

  it('has one writer when two instances tick at the same time', async () => {
    const started = await start();
    const { double, app, clock, config } = started;
    await createFromSettings(started);
    await addRitual(double, app, GTM_REVIEW_VALUES);
    const other = await startAnother(config, clock.now);
    try {
      clock.advance(MINUTE);
      await Promise.all([app.tick(), other.tick(), app.tick()]);
      expect(rewritten(double, 0)).toEqual(['## Next rituals', '# GTM Control Plane']);
      clock.advance(MINUTE);
      await Promise.all([app.tick(), other.tick()]);
      expect(double.callsTo('canvases.edit')).toHaveLength(2);
    } finally {
      await other.stop();
    }
    expect(double.violations).toEqual([]);
  });

  it('brings back a section someone deleted in Slack, at the end', async () => {
    const started = await start();
    const { double, app, clock } = started;
    const canvas = await createFromSettings(started);
    canvas.sections = canvas.sections.filter((section) => section.headerText !== 'Next rituals');
    await addRitual(double, app, GTM_REVIEW_VALUES);
    clock.advance(MINUTE);
    await app.tick();
    expect(double.callsTo('canvases.edit').map((c) => c.args.changes[0].operation)).toEqual([
      'insert_at_end',
      'replace',
    ]);
    expect(canvas.sections.at(-1)?.markdown).toContain('**GTM review** · Tue 24 Nov 2026, 10:00 Europe/Rome');
    expect(double.violations).toEqual([]);
  });

  it('shows the latest assessment with its trend after a second one', async () => {
    const started = await start();
    const { double, app, clock } = started;
    const canvas = await createFromSettings(started);
    for (const score of [2, 3]) {
      const view = await openAssessModal(double, ALICE, GENERAL);
      await double.submitView({
        userId: ALICE,
        viewId: view.id,
        values: assessValues({
          segment: 'pure_plg',
          channel: GENERAL,
          scores: { data_integration: score, activation: score, usage_campaigns: score, pqls: 1, feedback_loop: score },
        }),
      });
      await app.idle();
      clock.advance(MINUTE);
    }
    await app.tick();
    const text = sectionOf(double, canvas.id, 'Latest assessment');
    expect(text).toContain('**2.6** · Developing · Below expected for Pure PLG');
    expect(text).toContain('- Trend of the last 2 results: 1.8 → 2.6');
    expect(text).toContain('- Weakest: Product-Qualified Leads');
    expect(rewritten(double, 0)).toEqual(['## Latest assessment', '# GTM Control Plane']);
  });

  it('turns itself off when the canvas is deleted, tells the admin once (also after a restart), and Home offers to set it up again', async () => {
    const started = await start();
    const { double, clock } = started;
    const canvas = await createFromSettings(started);
    double.canvases().deleteCanvas(canvas.id);
    await addRisk(double, BOB_ADMIN, GENERAL, {
      category: 'pipeline_generation',
      title: 'Pipeline dries up',
      likelihood: 4,
      impact: 5,
      owner: ALICE,
      reviewDate: '2026-12-01',
    });
    await started.app.idle();
    const dmsBefore = dmTexts(double, BOB_ADMIN).length;
    clock.advance(MINUTE);
    await started.app.tick();
    const told = dmTexts(double, BOB_ADMIN).slice(dmsBefore);
    expect(told).toEqual([
      `:warning: The GTM Control Plane canvas in <#${GENERAL}> stopped updating: the canvas was deleted. Loopkeeper won't touch it again until an admin sets it up again from \`/loop settings\` or App Home.`,
    ]);
    const app = await started.restart();
    for (let i = 0; i < 3; i += 1) {
      clock.advance(10 * MINUTE);
      await app.tick();
    }
    expect(dmTexts(double, BOB_ADMIN).slice(dmsBefore)).toHaveLength(1);
    const lookups = double.callsTo('canvases.sections.lookup').length;
    expect(double.callsTo('canvases.edit')).toEqual([]);
    expect(lookups).toBe(1);

    await double.event({ type: 'app_home_opened', user: BOB_ADMIN, tab: 'home' });
    await double.waitForCall('views.publish', (c) => c.args.user_id === BOB_ADMIN);
    await app.idle();
    const home = double.publishedHome(BOB_ADMIN)!;
    expect(blockText(home.blocks)).toContain('stopped updating: the canvas was deleted. Set it up again');
    const button = home.blocks.find((b: any) => b.accessory?.action_id === 'control_plane_open') as any;
    expect(button.accessory.text.text).toBe('Set up again');
    // Alice is no admin: nothing about a canvas that is gone.
    await double.event({ type: 'app_home_opened', user: ALICE, tab: 'home' });
    await double.waitForCall('views.publish', (c) => c.args.user_id === ALICE);
    await app.idle();
    expect(blockText(double.publishedHome(ALICE)!.blocks)).not.toContain('Control Plane');

    // Set up again from Home: a new canvas, kept current again.
    const opened = double.callsTo('views.open').length;
    await double.blockAction({ userId: BOB_ADMIN, actionId: 'control_plane_open' });
    await double.waitForCall('views.open', (c) => double.callsTo('views.open').indexOf(c) >= opened);
    const modal = double.topView(BOB_ADMIN)!;
    expect(modal.submit?.text).toBe('Set up again');
    await double.submitView({
      userId: BOB_ADMIN,
      viewId: modal.id,
      values: { 'control_plane_channel/value': GENERAL },
    });
    await app.idle();
    // The deleted one no longer counts as the channel's canvas.
    const again = double.canvases().only();
    expect(again.id).not.toBe(canvas.id);
    expect(double.canvases().markdown(again.id)).toContain('Pipeline dries up');
    expect(double.violations).toEqual([]);
  });

  it('turns itself off once the canvases scope is revoked', async () => {
    const started = await start();
    const { double, app, clock } = started;
    await createFromSettings(started);
    double.canvases().revokeScope('canvases:read');
    await addRitual(double, app, GTM_REVIEW_VALUES);
    clock.advance(MINUTE);
    await app.tick();
    expect(dmTexts(double, BOB_ADMIN).at(-1)).toContain(
      'stopped updating: Loopkeeper no longer has permission to edit canvases (reinstall it to grant canvases:write)',
    );
    expect((await app.db.selectFrom('control_plane_canvases').select(['status', 'off_reason']).execute())[0]).toEqual({
      status: 'off',
      off_reason: 'missing_scope',
    });
  });

  it('waits out a 429 and retries 5xx on the backoff, writing each changed section once', async () => {
    const started = await start();
    const { double, app, clock } = started;
    const canvas = await createFromSettings(started);
    await addRitual(double, app, GTM_REVIEW_VALUES);
    double.failNext('canvases.edit', { status: 429, retryAfterSeconds: 1 });
    clock.advance(MINUTE);
    await app.tick();
    const calls = double.callsTo('canvases.edit');
    expect(calls.map((c) => c.status)).toEqual([429, 200, 200]);
    expect(rewritten(double, 0)).toEqual(['## Next rituals', '# GTM Control Plane']);

    // Slack down for every try of the client: the run stops, the section waits for the backoff, then is written once.
    await addRisk(double, BOB_ADMIN, GENERAL, {
      category: 'pipeline_generation',
      title: 'Pipeline dries up',
      likelihood: 4,
      impact: 5,
      owner: ALICE,
      reviewDate: '2026-12-01',
    });
    await app.idle();
    double.failNext('canvases.edit', { status: 500 }, 3);
    clock.advance(MINUTE);
    await app.tick();
    expect(
      double
        .callsTo('canvases.edit')
        .slice(3)
        .map((c) => c.status),
    ).toEqual([500, 500, 500]);
    expect(sectionOf(double, canvas.id, 'Top risks')).not.toContain('Pipeline dries up');
    clock.advance(30_000);
    await app.tick();
    expect(double.callsTo('canvases.edit')).toHaveLength(6);
    clock.advance(MINUTE);
    await app.tick();
    expect(rewritten(double, 6)).toEqual(['## Top risks', '# GTM Control Plane']);
    expect(sectionOf(double, canvas.id, 'Top risks')).toContain('**20** Critical · Pipeline dries up · ![](@U0ALICE)');
    expect(double.violations).toEqual([]);
  });

  it('escapes hostile account names and cuts a long working list with the command that lists it all', async () => {
    const started = await start({ env: { INGEST_TOKEN } });
    const { double, app, clock } = started;
    const hostile = '# Owned [click](https://evil.example) ![](@U0BOB) | x |';
    const items = [
      { accountName: hostile, domain: 'evil.example', source: 'engagement' },
      ...Array.from({ length: 44 }, (_, i) => ({
        accountName: `Account ${i + 1}`,
        domain: `account${i + 1}.io`,
        source: 'engagement',
      })),
    ];
    expect((await postMqa(app.http.port, { team_id: 'T0TEST', items })).status).toBe(200);
    await app.idle();
    const canvas = await createFromSettings(started);
    const mqa = sectionOf(double, canvas.id, 'MQA working list');
    expect(mqa).toContain(
      '**\\# Owned \\[click\\]\\(https://evil.example\\) \\!\\[\\]\\(@U0BOB\\) \\| x \\|** · In review · no owner',
    );
    expect(mqa).not.toContain('![](@U0BOB)');
    expect(mqa.split('\n').filter((l) => l.startsWith('- '))).toHaveLength(40);
    expect(mqa.split('\n').at(-1)).toBe('...and 5 more: `/loop mqa list open`');
    expect(mqa).toContain('45 open accounts: In review 45');
    // The hostile name made no section of its own.
    expect(double.canvases().get(canvas.id)!.sections).toHaveLength(7);
    clock.advance(MINUTE);
    await app.tick();
    expect(double.violations).toEqual([]);
  });
});

describe('the setup answer', () => {
  it('says why the canvas is a standalone one', () => {
    const refusal = { text: 'no', blocks: [] };
    const ok = { ok: true as const, kind: 'standalone' as const, canvasId: 'F1', channelId: 'C1' };
    expect(setupResultMessage('T1', { ...ok, standaloneBecause: 'channel_has_canvas' }, refusal).text).toContain(
      'shared in <#C1> as a standalone canvas (the channel already has a canvas).',
    );
    expect(setupResultMessage('T1', { ...ok, standaloneBecause: 'plan' }, refusal).text).toContain(
      'as a standalone canvas (your Slack plan has no channel canvases).',
    );
  });

  it('names the fix for a missing scope', () => {
    const refusal = { text: 'no', blocks: [] };
    const text = setupResultMessage('T0TEST', { ok: false, reason: 'slack', error: 'missing_scope' }, refusal).text;
    expect(text).toBe(
      ':x: The GTM Control Plane could not be created. Loopkeeper has no permission to create canvases yet: reinstall it so it gets canvases:write, then try again.',
    );
  });
});
