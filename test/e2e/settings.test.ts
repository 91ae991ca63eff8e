import { describe, expect, it } from 'vitest';
import { ALICE, BOB_ADMIN, GENERAL, useLoopkeeper } from '../helpers/loopkeeper.js';
import { blockText, openAssessModal } from '../helpers/assess-journey.js';

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
    expect(blockText(double.ephemeralsFor(ALICE).at(-1)?.blocks)).toContain('only Loopkeeper admins can change the team settings');
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

    const saved = await double.submitView({ userId: BOB_ADMIN, viewId: view.id, values: { ...values, 'settings_time_zone/value': 'Europe/Berlin' } });
    expect(saved.ack).toBeUndefined();
    await app.idle();
    expect(await app.db.selectFrom('teams').select(['segment', 'assessments_channel_id', 'time_zone']).execute()).toEqual([
      { segment: 'devtools_plg', assessments_channel_id: ASSESSMENTS, time_zone: 'Europe/Berlin' },
    ]);
    expect(blockText(double.ephemeralsFor(BOB_ADMIN).at(-1)?.blocks)).toContain('Settings saved. Segment: *Developer tools (PLG)*');

    // Alice is now a Loopkeeper admin and sees the saved values.
    const aliceView = await openSettings(double, ALICE);
    expect(aliceView.blocks.find((b: any) => b.block_id === 'settings_admins').element.initial_users).toEqual([ALICE]);
    expect(aliceView.blocks.find((b: any) => b.block_id === 'settings_segment').element.initial_option.value).toBe('devtools_plg');

    // The assess modal now defaults to the team's segment and assessments channel.
    const assess = await openAssessModal(double, ALICE, GENERAL);
    expect(assess.blocks.find((b: any) => b.block_id === 'assess_segment').element.initial_option.value).toBe('devtools_plg');
    expect(assess.blocks.find((b: any) => b.block_id === 'assess_channel').element.initial_conversation).toBe(ASSESSMENTS);
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

    await double.submitView({ userId: CAROL, viewId: carols.id, values: { 'settings_time_zone/value': 'Europe/Paris' } });
    await app.idle();
    expect(await app.db.selectFrom('teams').select('time_zone').execute()).toEqual([{ time_zone: 'UTC' }]);
    expect(blockText(double.ephemeralsFor(CAROL).at(-1)?.blocks)).toContain('only Loopkeeper admins can change the team settings');
    expect(double.violations).toEqual([]);
  });
});
