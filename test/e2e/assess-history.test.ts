import { describe, expect, it } from 'vitest';
import type { SlackDouble } from '../../src/slack-double/index.js';
import { assessValues, blockText, openAssessModal } from '../helpers/assess-journey.js';
import { ALICE, BOB_ADMIN, GENERAL, useLoopkeeper } from '../helpers/loopkeeper.js';
import { answerRound } from '../helpers/round-journey.js';

const start = useLoopkeeper();
const CAROL = 'U0CAROL';
const DAY = 24 * 3_600_000;

async function command(double: SlackDouble, text: string, userId = ALICE): Promise<string> {
  const before = double.callsTo('response_url').length;
  await double.slashCommand({ command: '/loop', text, userId, channelId: GENERAL });
  const call = await double.waitForCall('response_url', (c) => double.callsTo('response_url').indexOf(c) >= before);
  return blockText(call.args.blocks) || String(call.args.text);
}

async function singleAssessment(double: SlackDouble, scores: Record<string, number>) {
  const view = await openAssessModal(double, ALICE, GENERAL);
  await double.submitView({
    userId: ALICE,
    viewId: view.id,
    values: assessValues({ segment: 'pure_plg', channel: GENERAL, scores }),
  });
}

/** A single assessment (3.0), an anonymous round (Alice and Carol, 3.7) and a named round (Carol alone, 2.0), a day apart. */
async function seedResults() {
  const running = await start();
  const { double, app, clock } = running;
  double.addUser({ id: CAROL, name: 'carol' });
  await singleAssessment(double, { data_integration: 3, activation: 3, usage_campaigns: 3, pqls: 3, feedback_loop: 3 });
  await app.idle();
  clock.advance(DAY);

  await command(double, 'assess round 1d anonymous');
  await answerRound(double, ALICE, 1, {
    function: 'product',
    scores: { data_integration: 4, activation: 4, usage_campaigns: 4, pqls: 4, feedback_loop: 4 },
  });
  await answerRound(double, CAROL, 1, {
    function: 'marketing',
    scores: { data_integration: 2, activation: 3, usage_campaigns: 4, pqls: 4, feedback_loop: 4 },
  });
  clock.advance(DAY);
  await app.tick();
  await app.idle();

  await command(double, 'assess round 1d');
  await answerRound(double, CAROL, 2, {
    function: 'sales',
    scores: { data_integration: 2, activation: 2, usage_campaigns: 2, pqls: 2, feedback_loop: 2 },
  });
  clock.advance(DAY);
  await app.tick();
  await app.idle();
  return running;
}

describe('/loop assess history and export', () => {
  it('lists single assessments and rounds, newest first, with the direction of change', async () => {
    const { double } = await seedResults();
    const text = await command(double, 'assess history');
    const round2 = text.indexOf('*Round #2 (1 respondent)*');
    const round1 = text.indexOf('*Round #1 (2 respondents)*');
    const single = text.indexOf('*Assessment #1*');
    expect(round2).toBeGreaterThan(-1);
    expect(round1).toBeGreaterThan(round2);
    expect(single).toBeGreaterThan(round1);
    // Round 1: means 3.0, 3.5, 4.0, 4.0, 4.0 -> overall 37/10 = 3.7; round 2: 2.0.
    expect(text).toContain('*2.0 / 5 Developing*  ▼ -1.7');
    expect(text).toContain('*3.7 / 5 Competent*  ▲ +0.7');
    expect(text).toContain('Data Integration 3.0 = no change · Activation 3.5 ▲ +0.5');
    expect(text).toContain('*3.0 / 5 Competent*  (first result)');

    // The anonymous round's summary names nobody; the named one does.
    const summaries = double
      .callsTo('chat.postMessage')
      .filter(
        (c) =>
          c.response.ok &&
          /^Team assessment round #\d+: /.test(String(c.args.text)) &&
          !String(c.args.text).includes('answered so far'),
      );
    const [anonymous, named] = summaries.map((c) => blockText(c.args.blocks));
    expect(anonymous).toContain('Anonymous round: no names');
    expect(anonymous).not.toContain(`<@${CAROL}>`);
    expect(anonymous).not.toContain(`<@${ALICE}>`);
    expect(named).toContain(`<@${CAROL}>`);
    expect(named).toContain('Change since round #1');
    expect(double.violations).toEqual([]);
  });

  it('DMs the requester a CSV: one row per response and per round summary, no names for anonymous rounds', async () => {
    const { double } = await seedResults();
    const answer = await command(double, 'assess export', BOB_ADMIN);
    expect(answer).toContain('I sent you the CSV in a DM: 6 rows');
    expect(double.callsTo('conversations.open').at(-1)?.args.users).toBe(BOB_ADMIN);
    const file = double.files().find((f) => f.name.endsWith('.csv'))!;
    expect(file.name).toBe('loopkeeper-results-2026-11-26.csv');
    expect(file.channels).toEqual([double.channel(BOB_ADMIN)!.id]);
    const bytes = file.bytes!;
    const lines = Buffer.from(bytes).toString('utf8').trim().split('\r\n');
    expect(lines[0]).toBe(
      'kind,assessment_id,round_id,date,user,function,invited,segment,data_integration,activation,usage_campaigns,pqls,feedback_loop,overall,band,respondents,red_flags,notes',
    );
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 7).join(','))).toEqual([
      `assessment,1,,2026-11-23T10:00:00.000Z,${ALICE},,`,
      'round_response,,1,2026-11-24T10:00:00.000Z,,Product,yes',
      'round_response,,1,2026-11-24T10:00:00.000Z,,Marketing,yes',
      'round_summary,,1,2026-11-25T10:00:00.000Z,,,',
      `round_response,,2,2026-11-25T10:00:00.000Z,${CAROL},Sales,yes`,
      'round_summary,,2,2026-11-26T10:00:00.000Z,,,',
    ]);
    expect(lines[4]).toContain(',3.0,3.5,4.0,4.0,4.0,3.7,Competent,2,');
    expect(double.violations).toEqual([]);
  });

  it('gives a non-admin only their own round answers', async () => {
    const { double } = await seedResults();
    expect(await command(double, 'assess export', ALICE)).toContain('4 rows');
    const file = double
      .files()
      .filter((f) => f.name.endsWith('.csv'))
      .at(-1)!;
    const csv = file.bytes!.toString('utf8');
    expect(csv).not.toContain(CAROL);
    expect(csv.split('\r\n').filter((l) => l.startsWith('round_response'))).toHaveLength(1);
  });
});

describe('charts on single summaries', () => {
  it('uploads the chart with the previous result overlaid, and keeps the text when the upload fails', async () => {
    const { double, app, logLines } = await start();
    await singleAssessment(double, {
      data_integration: 3,
      activation: 3,
      usage_campaigns: 3,
      pqls: 3,
      feedback_loop: 3,
    });
    await app.idle();
    const first = double.callsTo('files.completeUploadExternal').at(-1)!;
    expect(first.args.thread_ts).toBe(double.channel(GENERAL)!.messages[0]!.ts);
    const png = double.files()[0]!.bytes!;
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));

    double.failNext('files.getUploadURLExternal', { error: 'internal_error' });
    await singleAssessment(double, {
      data_integration: 4,
      activation: 3,
      usage_campaigns: 3,
      pqls: 3,
      feedback_loop: 3,
    });
    await app.idle();
    const posts = double
      .callsTo('chat.postMessage')
      .filter((c) => c.response.ok && String(c.args.text).startsWith('Feedback-loop assessment'));
    expect(posts).toHaveLength(2);
    expect(logLines.some((l) => l.includes('chart upload failed'))).toBe(true);
    const [, second] = await app.db
      .selectFrom('assessments')
      .select(['posted_ts', 'post_error'])
      .orderBy('id')
      .execute();
    expect(second).toEqual({ posted_ts: posts[1]!.response.ts, post_error: null });
    expect(double.violations).toEqual([]);
  });
});
