import { describe, expect, it } from 'vitest';
import { ALICE, BOB_ADMIN, GENERAL, useLoopkeeper } from '../helpers/loopkeeper.js';
import { assessValues, blockText, openAssessModal } from '../helpers/assess-journey.js';

const start = useLoopkeeper();
const actionIds = (blocks: any[]) => blocks.flatMap((b) => (b.type === 'actions' ? b.elements.map((e: any) => e.action_id) : []));

describe('App Home', () => {
  it('invites an empty workspace to take the assessment; only admins get the settings button', async () => {
    const { double } = await start();
    await double.event({ type: 'app_home_opened', user: ALICE, tab: 'home' });
    const alice = await double.waitForCall('views.publish', (c) => c.args.user_id === ALICE);
    expect(blockText(alice.args.view.blocks)).toContain('No assessment yet.');
    expect(actionIds(alice.args.view.blocks)).toEqual(['open_assess']);

    await double.event({ type: 'app_home_opened', user: BOB_ADMIN, tab: 'home' });
    const bob = await double.waitForCall('views.publish', (c) => c.args.user_id === BOB_ADMIN);
    expect(actionIds(bob.args.view.blocks)).toEqual(['open_assess', 'open_settings']);
    expect(double.violations).toEqual([]);
  });

  it('shows the latest score and opens the assessment modal from its button', async () => {
    const { double, app } = await start();
    const view = await openAssessModal(double, ALICE, GENERAL);
    const scores = { data_integration: 1, activation: 2, usage_campaigns: 2, pqls: 2, feedback_loop: 2 };
    await double.submitView({ userId: ALICE, viewId: view.id, values: assessValues({ segment: 'pure_plg', channel: GENERAL, scores }) });
    await app.idle();

    await double.event({ type: 'app_home_opened', user: ALICE, tab: 'home' });
    const home = await double.waitForCall('views.publish');
    // (1+2+2+2+2)/5 = 1.8 -> Critical; Pure PLG alarm is 2.0 -> Alarm.
    expect(blockText(home.args.view.blocks)).toContain('*Latest score: 1.8 / 5 · Critical*');
    expect(blockText(home.args.view.blocks)).toContain('Alarm for Pure PLG');

    const opened = double.callsTo('views.open').length;
    await double.blockAction({ userId: ALICE, actionId: 'open_assess' });
    await double.waitForCall('views.open', (c) => double.callsTo('views.open').indexOf(c) >= opened && c.response.ok);
    expect(double.topView(ALICE)?.callback_id).toBe('assess_modal');
    expect(double.violations).toEqual([]);
  });
});
