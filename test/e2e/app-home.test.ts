import { describe, expect, it } from 'vitest';
import { assessValues, blockText, openAssessModal } from '../helpers/assess-journey.js';
import { ALICE, BOB_ADMIN, GENERAL, useLoopkeeper } from '../helpers/loopkeeper.js';
import { addRisk, nextModal, seedRisks } from '../helpers/risk-journey.js';

const start = useLoopkeeper();
const actionIds = (blocks: any[]) =>
  blocks.flatMap((b) => (b.type === 'actions' ? b.elements.map((e: any) => e.action_id) : []));

type Started = Awaited<ReturnType<typeof start>>;

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

async function assess(double: Started['double'], app: Started['app'], scores: Record<string, number>) {
  const view = await openAssessModal(double, ALICE, GENERAL);
  await double.submitView({
    userId: ALICE,
    viewId: view.id,
    values: assessValues({ segment: 'pure_plg', channel: GENERAL, scores }),
  });
  await app.idle();
}

describe('App Home', () => {
  it('tells an empty workspace how to start each section; only admins get the settings button', async () => {
    const started = await start();
    const alice = await openHome(started, ALICE);
    const text = blockText(alice.blocks);
    expect(text).toContain('No assessment yet.');
    expect(text).toContain('No rituals yet. Schedule the GTM review with `/loop rituals`.');
    expect(text).toContain('No open follow-ups for you.');
    expect(text).toContain('No MQA items for you.');
    expect(text).toContain('The risk register is empty.');
    expect(text).not.toContain('Overdue for you');
    expect(actionIds(alice.blocks)).toEqual(['open_assess', 'home_add_mqa', 'home_add_risk']);

    const bob = await openHome(started, BOB_ADMIN);
    expect(actionIds(bob.blocks)).toEqual(['open_assess', 'home_add_mqa', 'home_add_risk', 'open_settings']);
    expect(started.double.violations).toEqual([]);
  });

  it('lists `/loop settings` among the commands only for admins, who are the only ones it lets in', async () => {
    const started = await start();
    const commandsOf = (view: any) =>
      blockText(view.blocks.filter((b: any) => b.type === 'context' && JSON.stringify(b).includes('Commands:')));
    expect(commandsOf(await openHome(started, ALICE))).toBe(
      'Commands: `/loop assess [segment]`, `/loop risk add`, `/loop risk list`, `/loop help`',
    );
    expect(commandsOf(await openHome(started, BOB_ADMIN))).toBe(
      'Commands: `/loop assess [segment]`, `/loop risk add`, `/loop risk list`, `/loop settings`, `/loop help`',
    );
    expect(started.double.violations).toEqual([]);
  });

  it('shows review and due dates as Slack date tokens, in the team time zone, with a readable fallback', async () => {
    const started = await start();
    const { double, app } = started;
    await app.db
      .insertInto('teams')
      .values({
        team_id: 'T0TEST',
        segment: null,
        assessments_channel_id: null,
        time_zone: 'America/New_York',
        created_at: '2026-11-23T09:00:00Z',
        updated_at: '2026-11-23T09:00:00Z',
      })
      .execute();
    await addRisk(double, ALICE, GENERAL, {
      category: 'market_positioning',
      title: 'Price war',
      likelihood: 4,
      impact: 4,
      owner: ALICE,
      reviewDate: '2026-12-01',
    });
    await app.idle();
    await app.db.updateTable('risks').set({ review_date: '2026-11-20' }).execute();
    await app.db
      .insertInto('follow_ups')
      .values({
        team_id: 'T0TEST',
        ritual_id: null,
        post_id: null,
        what: 'Send deck',
        owner_id: ALICE,
        due_date: '2026-11-21',
        time_zone: 'UTC',
        status: 'open',
        created_by: BOB_ADMIN,
        created_at: '2026-11-20T10:00:00.000Z',
        done_at: null,
        done_by: null,
        reminded_at: null,
        thread_channel_id: null,
        thread_message_ts: null,
        source_view_id: null,
      })
      .execute();
    const text = blockText((await openHome(started, ALICE)).blocks);
    // Midday in New York (UTC-5 in November).
    const token = (iso: string, readable: string) =>
      `<!date^${Date.parse(`${iso}T17:00:00Z`) / 1000}^{date_short_pretty}|${readable}>`;
    expect(text).toContain(`Risk review: Price war (was due ${token('2026-11-20', 'Fri 20 Nov 2026')})`);
    expect(text).toContain(`Follow-up: Send deck (due ${token('2026-11-21', 'Sat 21 Nov 2026')})`);
    expect(text).toContain(`· review ${token('2026-11-20', 'Fri 20 Nov 2026')} *(review overdue)*`);
    expect(text).not.toMatch(/\b2026-11-2[01]\b(?!T)/);
    expect(double.violations).toEqual([]);
  });

  it('shows the latest score with a bar per dimension and the change, and opens the assessment modal from its button', async () => {
    const started = await start();
    const { double, app } = started;
    await assess(double, app, { data_integration: 2, activation: 2, usage_campaigns: 2, pqls: 2, feedback_loop: 2 });
    await assess(double, app, { data_integration: 1, activation: 2, usage_campaigns: 2, pqls: 2, feedback_loop: 2 });

    const home = await openHome(started, ALICE);
    const text = blockText(home.blocks);
    // (1+2+2+2+2)/5 = 1.8 -> Critical; Pure PLG alarm is 2.0 -> Alarm; down 0.2 from 2.0.
    expect(text).toContain('*Latest score: 1.8 / 5 · Critical*  ▼ -0.2');
    expect(text).toContain('Alarm for Pure PLG');
    expect(text).toContain('`■□□□□` *1* Data Integration &amp; Infrastructure  ▼ -1');
    expect(text).toContain('`■■□□□` *2* Activation &amp; Onboarding  = no change');
    expect(text).toContain('Change since the previous assessment');

    const before = double.callsTo('views.open').length;
    await double.blockAction({ userId: ALICE, actionId: 'open_assess' });
    expect((await nextModal(double, ALICE, before)).callback_id).toBe('assess_modal');
    expect(double.violations).toEqual([]);
  });

  it('stays within 100 blocks with lots of data, cutting lists with a count and the command that lists all', async () => {
    const started = await start();
    const { double, app } = started;
    await seedRisks(app.db, 60);
    // Forty open follow-ups for Alice (the rituals feature's table), every other one past its due date.
    for (let i = 0; i < 40; i++) {
      await app.db
        .insertInto('follow_ups')
        .values({
          team_id: 'T0TEST',
          ritual_id: null,
          post_id: null,
          what: `Send <deck> v${i}`,
          owner_id: ALICE,
          due_date: i % 2 ? '2026-12-01' : '2026-11-20',
          time_zone: 'UTC',
          status: 'open',
          created_by: BOB_ADMIN,
          created_at: '2026-11-20T10:00:00.000Z',
          done_at: null,
          done_by: null,
          reminded_at: null,
          thread_channel_id: null,
          thread_message_ts: null,
          source_view_id: null,
        })
        .execute();
    }
    for (let i = 0; i < 3; i++)
      await assess(double, app, {
        data_integration: 3,
        activation: 2 + (i % 2),
        usage_campaigns: 4,
        pqls: 1,
        feedback_loop: 5,
      });

    const home = await openHome(started, ALICE);
    expect(home.blocks.length).toBeLessThanOrEqual(100);
    const text = blockText(home.blocks);
    expect(text).toContain('*Top risks* (60 open)');
    expect(text).toContain('…and 55 more: `/loop risk list`');
    // Overdue for Alice: 20 follow-ups and 10 risk reviews (seeded review date 2026-11-01); five shown, the rest counted.
    const overdue = home.blocks.find((b: any) => b.text?.text?.startsWith(':warning: *Overdue for you*'));
    expect(overdue.text.text.split('\n').filter((l: string) => l.startsWith('• '))).toHaveLength(5);
    expect(overdue.text.text).toContain('…and 25 more: `/loop followups`, `/loop mqa list mine`, `/loop risk list`');
    expect(text).toContain('…and 35 more: `/loop followups`');
    expect(text).toContain('Send &lt;deck&gt; v');
    // The highest score (25) comes first.
    const riskSection = home.blocks.find((b: any) => b.text?.text?.startsWith('*Top risks*'));
    expect(riskSection.text.text.split('\n')[1]).toContain('*25* Critical');
    expect(double.violations).toEqual([]);
  });

  it("opens the add-risk modal from Home, and refreshes the owner's and the actor's Home when a risk is added", async () => {
    const started = await start();
    const { double, app } = started;
    await openHome(started, ALICE);
    await openHome(started, BOB_ADMIN);

    const before = double.callsTo('views.open').length;
    await double.blockAction({ userId: ALICE, actionId: 'home_add_risk' });
    const modal = await nextModal(double, ALICE, before);
    expect(modal.callback_id).toBe('risk_add_modal');

    const publishes = double.callsTo('views.publish').length;
    await addRisk(double, ALICE, GENERAL, {
      category: 'market_positioning',
      title: 'New entrant undercuts on price',
      likelihood: 4,
      impact: 4,
      owner: BOB_ADMIN,
      reviewDate: '2026-12-01',
    });
    await app.idle();
    const refreshed = double.callsTo('views.publish').slice(publishes);
    expect(refreshed.map((c) => c.args.user_id).sort()).toEqual([ALICE, BOB_ADMIN].sort());
    expect(blockText(double.publishedHome(BOB_ADMIN)?.blocks)).toContain('New entrant undercuts on price');
    expect(blockText(double.publishedHome(BOB_ADMIN)?.blocks)).toContain('*Top risks* (1 open)');
    expect(double.violations).toEqual([]);
  });

  it('refreshes the Home of everyone who opened it when a new assessment lands', async () => {
    const started = await start();
    const { double, app } = started;
    await openHome(started, BOB_ADMIN);
    expect(blockText(double.publishedHome(BOB_ADMIN)?.blocks)).toContain('No assessment yet.');

    await assess(double, app, { data_integration: 3, activation: 3, usage_campaigns: 3, pqls: 3, feedback_loop: 3 });
    expect(blockText(double.publishedHome(BOB_ADMIN)?.blocks)).toContain('*Latest score: 3.0 / 5 · Competent*');
    // Alice never opened Home: a team refresh doesn't publish for her.
    expect(double.callsTo('views.publish').filter((c) => c.args.user_id === ALICE)).toEqual([]);
    expect(double.violations).toEqual([]);
  });

  it('opens the MQA form from Home through the `/loop mqa add` subcommand', async () => {
    const started = await start();
    const { double } = started;
    await openHome(started, ALICE);
    const before = double.callsTo('views.open').length;
    await double.blockAction({ userId: ALICE, actionId: 'home_add_mqa' });
    expect((await nextModal(double, ALICE, before)).callback_id).toBe('mqa_add_modal');
    expect(double.violations).toEqual([]);
  });

  it('lets an admin open the settings from Home', async () => {
    const started = await start();
    const { double } = started;
    const bobHome = await openHome(started, BOB_ADMIN);
    expect(actionIds(bobHome.blocks)).toContain('open_settings');
    const before = double.callsTo('views.open').length;
    await double.blockAction({ userId: BOB_ADMIN, actionId: 'open_settings' });
    expect((await nextModal(double, BOB_ADMIN, before)).callback_id).toBe('settings_modal');
    expect(double.violations).toEqual([]);
  });
});
