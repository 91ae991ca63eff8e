import { describe, expect, it } from 'vitest';
import { blockText, openAssessModal } from '../helpers/assess-journey.js';
import { ALICE, BOB_ADMIN, GENERAL, setLoopkeeperAdmin, useLoopkeeper } from '../helpers/loopkeeper.js';
import { addRitual, GTM_REVIEW_VALUES } from '../helpers/rituals-journey.js';

const start = useLoopkeeper();
const ASSESSMENTS = 'C0ASSESS';

async function openSettings(double: Awaited<ReturnType<typeof start>>['double'], userId: string) {
  const before = double.callsTo('views.open').length;
  await double.slashCommand({ command: '/loop', text: 'settings', userId, channelId: GENERAL });
  await double.waitForCall('views.open', (c) => double.callsTo('views.open').indexOf(c) >= before);
  return double.topView(userId)!;
}

describe('/loop settings', () => {
  it('politely refuses people who are not admins, without opening a modal', async () => {
    const { double } = await start();
    await double.slashCommand({ command: '/loop', text: 'settings', userId: ALICE, channelId: GENERAL });
    await double.waitForCall('response_url');
    expect(blockText(double.ephemeralsFor(ALICE).at(-1)?.blocks)).toBe(
      ':lock: Only Loopkeeper admins can change the team settings. Workspace admins and owners are admins, and they can add others in `/loop settings`.',
    );
    expect(double.callsTo('views.open')).toEqual([]);
  });

  it('lets a workspace admin save defaults and add a Loopkeeper admin; bad time zones are inline errors', async () => {
    const { double, app } = await start();
    double.addChannel({ id: ASSESSMENTS, name: 'gtm-assessments' });
    const view = await openSettings(double, BOB_ADMIN);
    const tz = view.blocks.find((b: any) => b.block_id === 'settings_time_zone');
    expect(tz.element.initial_value).toBe('UTC');

    const values = {
      'settings_segment/value': 'devtools_plg',
      'settings_channel/value': ASSESSMENTS,
      'settings_time_zone/value': 'Mars/Olympus_Mons',
      'settings_admins/value': [ALICE],
    };
    const { ack } = await double.submitView({ userId: BOB_ADMIN, viewId: view.id, values });
    expect(ack.response_action).toBe('errors');
    expect(ack.errors.settings_time_zone).toContain('"Mars/Olympus_Mons" is not a time zone');
    expect(await app.db.selectFrom('teams').selectAll().execute()).toEqual([]);

    const saved = await double.submitView({
      userId: BOB_ADMIN,
      viewId: view.id,
      values: { ...values, 'settings_time_zone/value': 'Europe/Berlin' },
    });
    expect(saved.ack).toBeUndefined();
    await app.idle();
    expect(
      await app.db.selectFrom('teams').select(['segment', 'assessments_channel_id', 'time_zone']).execute(),
    ).toEqual([{ segment: 'devtools_plg', assessments_channel_id: ASSESSMENTS, time_zone: 'Europe/Berlin' }]);
    expect(blockText(double.ephemeralsFor(BOB_ADMIN).at(-1)?.blocks)).toContain(
      'Settings saved. Segment: *Developer tools (PLG)*',
    );

    // Alice is now a Loopkeeper admin and sees the saved values.
    const aliceView = await openSettings(double, ALICE);
    expect(aliceView.blocks.find((b: any) => b.block_id === 'settings_admins').element.initial_users).toEqual([ALICE]);
    expect(aliceView.blocks.find((b: any) => b.block_id === 'settings_segment').element.initial_option.value).toBe(
      'devtools_plg',
    );

    // The assess modal now defaults to the team's segment and assessments channel.
    const assess = await openAssessModal(double, ALICE, GENERAL);
    expect(assess.blocks.find((b: any) => b.block_id === 'assess_segment').element.initial_option.value).toBe(
      'devtools_plg',
    );
    expect(assess.blocks.find((b: any) => b.block_id === 'assess_channel').element.initial_conversation).toBe(
      ASSESSMENTS,
    );
    expect(double.violations).toEqual([]);
  });

  it('refuses a settings submission from someone who lost admin rights while the modal was open', async () => {
    const { double, app } = await start();
    const CAROL = 'U0CAROL';
    double.addUser({ id: CAROL, name: 'carol' });
    const bobs = await openSettings(double, BOB_ADMIN);
    await double.submitView({ userId: BOB_ADMIN, viewId: bobs.id, values: { 'settings_admins/value': [CAROL] } });
    await app.idle();

    const carols = await openSettings(double, CAROL);
    const again = await openSettings(double, BOB_ADMIN);
    await double.submitView({ userId: BOB_ADMIN, viewId: again.id, values: { 'settings_admins/value': [] } });
    await app.idle();

    await double.submitView({
      userId: CAROL,
      viewId: carols.id,
      values: { 'settings_time_zone/value': 'Europe/Paris' },
    });
    await app.idle();
    expect(await app.db.selectFrom('teams').select('time_zone').execute()).toEqual([{ time_zone: 'UTC' }]);
    expect(blockText(double.ephemeralsFor(CAROL).at(-1)?.blocks)).toContain(
      'Only Loopkeeper admins can change the team settings.',
    );
    expect(double.violations).toEqual([]);
  });
});

const ADMINS_ARE = 'Workspace admins and owners are admins, and they can add others in `/loop settings`.';

describe('admin refusals', () => {
  it('say what was refused for MQA routes and MQA settings, and who can do it', async () => {
    const { double, app } = await start();
    const ask = async (text: string) => {
      const before = double.callsTo('response_url').length;
      await double.slashCommand({ command: '/loop', text, userId: ALICE, channelId: GENERAL });
      await double.waitForCall('response_url', (c) => double.callsTo('response_url').indexOf(c) >= before);
      await app.idle();
      return blockText(double.ephemeralsFor(ALICE).at(-1)?.blocks);
    };
    expect(await ask('mqa routes')).toBe(`:lock: Only Loopkeeper admins can change MQA routes. ${ADMINS_ARE}`);
    expect(await ask('mqa routes remove 3')).toBe(`:lock: Only Loopkeeper admins can change MQA routes. ${ADMINS_ARE}`);
    expect(await ask('mqa settings')).toBe(`:lock: Only Loopkeeper admins can change the MQA settings. ${ADMINS_ARE}`);
    expect(double.callsTo('views.open')).toEqual([]);
    expect(double.violations).toEqual([]);
  });

  it('say which ritual change was refused when admin rights went away with the list or the modal open', async () => {
    const { double, app } = await start();
    await addRitual(double, app);
    await setLoopkeeperAdmin(app, ALICE);
    const listed = double.callsTo('response_url').length;
    await double.slashCommand({ command: '/loop', text: 'rituals', userId: ALICE, channelId: GENERAL });
    await double.waitForCall('response_url', (c) => double.callsTo('response_url').indexOf(c) >= listed);
    const opened = double.callsTo('views.open').length;
    await double.blockAction({ userId: ALICE, actionId: 'ritual_add' });
    await double.waitForCall('views.open', (c) => double.callsTo('views.open').indexOf(c) >= opened);
    const modal = double.topView(ALICE)!;
    await setLoopkeeperAdmin(app, ALICE, false);

    await double.submitView({
      userId: ALICE,
      viewId: modal.id,
      values: { ...GTM_REVIEW_VALUES, 'ritual_anchor/value': '2026-12-01' },
    });
    await app.idle();
    expect((double.channel(ALICE)?.messages ?? []).map((m: any) => m.text).at(-1)).toBe(
      `Only Loopkeeper admins can add rituals. ${ADMINS_ARE}`,
    );
    expect(await app.db.selectFrom('rituals').select('id').execute()).toHaveLength(1);

    // The list Alice opened as an admin still has its buttons.
    const [ritual] = await app.db.selectFrom('rituals').select('id').execute();
    const refusals = async (actionId: string) => {
      const before = double.callsTo('response_url').length;
      await double.blockAction({ userId: ALICE, actionId, value: String(ritual!.id) });
      await double.waitForCall('response_url', (c) => double.callsTo('response_url').indexOf(c) >= before);
      await app.idle();
      return blockText(double.ephemeralsFor(ALICE).at(-1)?.blocks);
    };
    expect(await refusals('ritual_pause')).toBe(`:lock: Only Loopkeeper admins can pause rituals. ${ADMINS_ARE}`);
    expect(await refusals('ritual_skip_next')).toBe(
      `:lock: Only Loopkeeper admins can skip a ritual's next occurrence. ${ADMINS_ARE}`,
    );
    expect(await refusals('ritual_delete')).toBe(`:lock: Only Loopkeeper admins can delete rituals. ${ADMINS_ARE}`);
    expect(await refusals('ritual_edit')).toBe(`:lock: Only Loopkeeper admins can edit rituals. ${ADMINS_ARE}`);
    expect(await app.db.selectFrom('rituals').select('paused').execute()).toEqual([{ paused: 0 }]);
    expect(double.violations).toEqual([]);
  });
});
