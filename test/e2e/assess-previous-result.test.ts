import { describe, expect, it } from 'vitest';
import type { SlackDouble } from '../../src/slack-double/index.js';
import { assessValues, blockText, openAssessModal } from '../helpers/assess-journey.js';
import { ALICE, GENERAL, useLoopkeeper } from '../helpers/loopkeeper.js';
import { answerRound } from '../helpers/round-journey.js';

const start = useLoopkeeper();
const CAROL = 'U0CAROL';
const DAY = 24 * 3_600_000;

async function command(double: SlackDouble, text: string): Promise<string> {
  const before = double.callsTo('response_url').length;
  await double.slashCommand({ command: '/loop', text, userId: ALICE, channelId: GENERAL });
  const call = await double.waitForCall('response_url', (c) => double.callsTo('response_url').indexOf(c) >= before);
  return blockText(call.args.blocks) || String(call.args.text);
}

const singleSummaries = (double: SlackDouble) =>
  double
    .callsTo('chat.postMessage')
    .filter((c) => c.response.ok && String(c.args.text).startsWith('Feedback-loop assessment'));

describe('a single assessment after team rounds', () => {
  it('shows the change against the latest round, names it, and agrees with history', async () => {
    const { double, app, clock } = await start();
    double.addUser({ id: CAROL, name: 'carol' });

    await command(double, 'assess round 1d');
    await answerRound(double, ALICE, 1, {
      function: 'product',
      scores: { data_integration: 2, activation: 2, usage_campaigns: 2, pqls: 2, feedback_loop: 2 },
    });
    clock.advance(DAY);
    await app.tick();
    await app.idle();

    await command(double, 'assess round 1d');
    await answerRound(double, ALICE, 2, {
      function: 'product',
      scores: { data_integration: 3, activation: 2, usage_campaigns: 3, pqls: 3, feedback_loop: 3 },
    });
    await answerRound(double, CAROL, 2, {
      function: 'marketing',
      scores: { data_integration: 4, activation: 3, usage_campaigns: 3, pqls: 3, feedback_loop: 3 },
    });
    clock.advance(DAY);
    await app.tick();
    await app.idle();

    // Round 2: means 3.5, 2.5, 3.0, 3.0, 3.0 -> overall 15/5 = 3.0 Competent. The single: 4, 3, 3, 2, 3 -> 3.0.
    clock.advance(3_600_000);
    const view = await openAssessModal(double, ALICE, GENERAL);
    await double.submitView({
      userId: ALICE,
      viewId: view.id,
      values: assessValues({
        segment: 'pure_plg',
        channel: GENERAL,
        scores: { data_integration: 4, activation: 3, usage_campaigns: 3, pqls: 2, feedback_loop: 3 },
      }),
    });
    await app.idle();
    const [summary] = singleSummaries(double);
    const text = blockText(summary!.args.blocks);
    expect(text).not.toContain('First assessment');
    expect(text).toMatch(
      /\*Change since Round #2\* \(<!date\^\d+\^\{date_short_pretty\}\|2026-11-25 10:00 UTC>, 3\.0 Competent, 2 respondents\): overall = no change/,
    );
    expect(text).toContain('*4 Managed* · Data Integration &amp; Infrastructure  ▲ +0.5');
    expect(text).toContain('*3 Defined* · Activation &amp; Onboarding  ▲ +0.5');
    expect(text).toContain('*2 Emerging* · Product-Qualified Leads  ▼ -1');

    // The chart overlays the round's means as the previous result.
    const chart = double.callsTo('files.completeUploadExternal').at(-1)!;
    expect(chart.args.thread_ts).toBe(summary!.response.ts);
    expect(JSON.stringify(chart.args.files)).toContain('(pale: previous)');

    // History shows the same comparison for the same result.
    const history = await command(double, 'assess history');
    expect(history).toContain('*Assessment #1*');
    expect(history).toContain('*3.0 / 5 Competent*  = no change\nData Integration 4.0 ▲ +0.5 · Activation 3.0 ▲ +0.5');

    // The next single compares with that single, by name.
    const again = await openAssessModal(double, ALICE, GENERAL);
    await double.submitView({
      userId: ALICE,
      viewId: again.id,
      values: assessValues({
        segment: 'pure_plg',
        channel: GENERAL,
        scores: { data_integration: 4, activation: 4, usage_campaigns: 3, pqls: 2, feedback_loop: 3 },
      }),
    });
    await app.idle();
    const second = blockText(singleSummaries(double)[1]!.args.blocks);
    expect(second).toMatch(
      /\*Change since Assessment #1\* \(<!date\^\d+\^\{date_short_pretty\}\|2026-11-25 11:00 UTC>, 3\.0 Competent\): overall ▲ \+0\.2/,
    );
    expect(double.violations).toEqual([]);
  });
});
