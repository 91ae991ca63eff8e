import { describe, expect, it } from 'vitest';
import type { SlackDouble } from '../../src/slack-double/index.js';
import { assessValues, blockText, openAssessModal } from '../helpers/assess-journey.js';
import { ALICE, BOB_ADMIN, GENERAL, PRIVATE_NOT_MEMBER, useLoopkeeper } from '../helpers/loopkeeper.js';
import { answerRound, openRoundModal } from '../helpers/round-journey.js';

const start = useLoopkeeper();
const CAROL = 'U0CAROL';
const DAVE = 'U0DAVE';
const ERIN = 'U0ERIN';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

async function setUp(options: Parameters<typeof start>[0] = {}) {
  const running = await start(options);
  running.double.addUser({ id: CAROL, name: 'carol' });
  running.double.addUser({ id: DAVE, name: 'dave' });
  running.double.addUser({ id: ERIN, name: 'erin' });
  return running;
}

/** `/loop assess round …` as typed; returns the ephemeral answer's text. */
async function command(double: SlackDouble, text: string, userId = ALICE): Promise<string> {
  const before = double.callsTo('response_url').length;
  await double.slashCommand({ command: '/loop', text, userId, channelId: GENERAL });
  const call = await double.waitForCall('response_url', (c) => double.callsTo('response_url').indexOf(c) >= before);
  return blockText(call.args.blocks) || String(call.args.text);
}

const summaryPosts = (double: SlackDouble) =>
  double
    .callsTo('chat.postMessage')
    .filter(
      (c) =>
        c.response.ok &&
        String(c.args.text).startsWith('Team assessment round #') &&
        !String(c.args.text).includes('answered so far'),
    );

describe('team assessment rounds', () => {
  it('runs a round with three functions, an edited answer and a deadline close: means, spreads, gap, flags, chart', async () => {
    const { double, app, clock } = await setUp();
    const started = await command(
      double,
      `assess round <#${GENERAL}|general> 5d <@${ALICE}> <@${BOB_ADMIN}> <@${CAROL}> <@${DAVE}|dave>`,
    );
    expect(started).toContain('Round #1 started in <#C0GENERAL>: open for 5d');
    expect(started).toContain('4 invited');
    const invitation = double.channel(GENERAL)!.messages[0]!;
    expect(blockText(invitation.blocks)).toContain('*0* answered (4 invited)');

    // Alice (Product) answers, then changes her mind; the modal opens with her answer.
    await answerRound(double, ALICE, 1, {
      function: 'product',
      scores: { data_integration: 2, activation: 2, usage_campaigns: 2, pqls: 2, feedback_loop: 2 },
    });
    await answerRound(double, BOB_ADMIN, 1, {
      function: 'marketing',
      scores: { data_integration: 2, activation: 3, usage_campaigns: 3, pqls: 1, feedback_loop: 3 },
      flags: { pqls: ['pqls.no_pql_definition'], data_integration: ['data_integration.manual_data_syncs'] },
    });
    const reopened = await openRoundModal(double, ALICE, 1);
    expect(reopened.blocks.find((b: any) => b.block_id === 'round_function').element.initial_option.value).toBe(
      'product',
    );
    expect(reopened.blocks.find((b: any) => b.block_id === 'score:pqls').element.initial_option.value).toBe('2');
    await double.submitView({
      userId: ALICE,
      viewId: reopened.id,
      values: {
        'round_function/value': 'product',
        'score:data_integration/value': '4',
        'score:activation/value': '3',
        'score:usage_campaigns/value': '2',
        'score:pqls/value': '2',
        'score:feedback_loop/value': '3',
        'flags:pqls/value': ['pqls.no_pql_definition'],
      },
    });
    await answerRound(double, CAROL, 1, {
      function: 'sales',
      scores: { data_integration: 3, activation: 4, usage_campaigns: 2, pqls: 3, feedback_loop: 3 },
    });
    await app.idle();

    // The invitation shows the count, never a score.
    const updates = double.callsTo('chat.update').filter((c) => c.response.ok);
    const latest = blockText(updates.at(-1)!.args.blocks);
    expect(latest).toContain('*3* answered (4 invited)');
    expect(latest).not.toMatch(/\d\.\d/);
    const responses = await app.db.selectFrom('assessment_round_responses').selectAll().orderBy('user_id').execute();
    expect(responses.map((r) => [r.user_id, r.function, r.edits])).toEqual([
      [ALICE, 'product', 1],
      [BOB_ADMIN, 'marketing', 0],
      [CAROL, 'sales', 0],
    ]);

    // Nothing closes before the deadline.
    clock.advance(5 * DAY - 60_000);
    await app.tick();
    expect(summaryPosts(double)).toEqual([]);
    clock.advance(60_000);
    await app.tick();
    await app.idle();

    const [summary] = summaryPosts(double);
    const text = blockText(summary!.args.blocks);
    // Means: DI (4+2+3)/3 = 3.0, Activation 10/3 = 3.3, Usage 7/3 = 2.3, PQLs 6/3 = 2.0, Feedback 3.0; overall 41/15 = 2.7.
    expect(text).toContain('Team assessment: 2.7 / 5 · Developing');
    expect(text).toContain('*3 respondents* (4 invited) · Product 1 · Marketing 1 · Sales 1');
    expect(text).toContain(
      '*3.0* · Data Integration &amp; Infrastructure (min 2 · max 4, spread 2)  :warning: *disagreement*',
    );
    expect(text).toContain('*3.3* · Activation &amp; Onboarding (min 3 · max 4, spread 1)\n');
    expect(text).toContain('*2.3* · Usage-Driven Campaigns (min 2 · max 3, spread 1)');
    expect(text).toContain('*2.0* · Product-Qualified Leads (min 1 · max 3, spread 2)  :warning: *disagreement*');
    expect(text).toContain('*3.0* · Feedback Loop Closure (min 3 · max 3, spread 0)');
    expect(text).toContain(
      'the team disagrees (max − min ≥ 2) on Data Integration &amp; Infrastructure, Product-Qualified Leads',
    );
    // Gap = Product mean - Marketing mean.
    expect(text).toContain('Product 4.0 · Marketing 2.0 → *+2.0*');
    expect(text).toContain('Product 2.0 · Marketing 3.0 → *-1.0*');
    expect(text).toContain('*Biggest gap:* Data Integration &amp; Infrastructure (+2.0: Product rates it higher)');
    expect(text).toContain('• 2 of 3: No PQL definition');
    expect(text).toContain('• 1 of 3: manual data syncs');
    expect(text).toContain('closed at its deadline');
    expect(text).toContain('*First team round*');
    expect(text).toContain(`<@${ALICE}>, <@${BOB_ADMIN}>, <@${CAROL}>`);

    // The chart goes through files upload v2, in the summary's thread, as a real PNG.
    expect(double.callsTo('files.getUploadURLExternal')).toHaveLength(1);
    expect(double.callsTo('file_upload')).toHaveLength(1);
    const complete = double.callsTo('files.completeUploadExternal')[0]!;
    expect(complete.args.thread_ts).toBe(summary!.response.ts);
    const [file] = double.files();
    expect(file?.name).toBe('loopkeeper-round-1.png');
    expect(file?.channels).toEqual([GENERAL]);

    // The invitation now says closed, without buttons.
    const closedInvitation = double.channel(GENERAL)!.messages.find((m) => m.ts === invitation.ts)!;
    expect(blockText(closedInvitation.blocks)).toContain('is closed at its deadline: 3 answered');
    expect(JSON.stringify(closedInvitation.blocks)).not.toContain('round_take');

    // Ticking again posts nothing more.
    await app.tick();
    expect(summaryPosts(double)).toHaveLength(1);
    expect(double.violations).toEqual([]);
  });

  it('closes a round whose deadline passed while the bot was down exactly once, at start-up', async () => {
    const { double, clock, restart } = await setUp();
    await command(double, 'assess round 2d');
    await answerRound(double, CAROL, 1, {
      function: 'customer_success',
      scores: { data_integration: 3, activation: 3, usage_campaigns: 3, pqls: 3, feedback_loop: 3 },
    });
    let app = await restart(); // a deploy
    clock.advance(3 * DAY); // down across the deadline
    app = await restart();
    await app.tick(); // the scheduler's tick at start
    await app.tick();
    app = await restart();
    await app.tick();
    await app.idle();
    const posts = summaryPosts(double);
    expect(posts).toHaveLength(1);
    expect(blockText(posts[0]!.args.blocks)).toContain('Team assessment: 3.0 / 5 · Competent');
    expect(blockText(posts[0]!.args.blocks)).toContain('no Product or Marketing respondent answered');
    const [round] = await app.db.selectFrom('assessment_rounds').selectAll().execute();
    expect(round).toMatchObject({
      status: 'closed',
      closed_by: 'deadline',
      summary_ts: posts[0]!.response.ts,
      summary_attempts: 1,
    });
    expect(double.violations).toEqual([]);
  });

  it('nudges only the invitees who have not answered, once, 24 hours before the deadline', async () => {
    const { double, app, clock } = await setUp();
    await command(double, `assess round 3d <@${ALICE}> <@${CAROL}> <@${DAVE}>`);
    await answerRound(double, ALICE, 1, {
      function: 'product',
      scores: { data_integration: 3, activation: 3, usage_campaigns: 3, pqls: 3, feedback_loop: 3 },
    });
    // Erin was not invited: allowed, counted and marked.
    await answerRound(double, ERIN, 1, {
      function: 'marketing',
      scores: { data_integration: 2, activation: 3, usage_campaigns: 3, pqls: 3, feedback_loop: 3 },
    });
    const dms = () => double.callsTo('chat.postMessage').filter((c) => String(c.args.channel).startsWith('U'));

    clock.advance(2 * DAY - HOUR); // 25 h before the deadline: too early
    await app.tick();
    expect(dms()).toEqual([]);
    clock.advance(2 * HOUR); // 23 h before
    await app.tick();
    await app.tick();
    expect(
      dms()
        .map((c) => c.args.channel)
        .sort(),
    ).toEqual([CAROL, DAVE]);
    expect(String(dms()[0]!.args.text)).toContain('closes');

    // After the close, the nudge's button answers that the round is closed and stores nothing.
    clock.advance(DAY);
    await app.tick();
    await app.idle();
    const summary = blockText(summaryPosts(double)[0]!.args.blocks);
    expect(summary).toContain(`<@${ERIN}> (not invited)`);
    expect(summary).toContain('*2 respondents* (3 invited)');
    const nudge = double.channel(DAVE)!.messages.at(-1)!;
    await double.blockAction({
      userId: DAVE,
      actionId: 'round_take',
      channelId: nudge.channel ?? double.channel(DAVE)!.id,
      messageTs: nudge.ts,
    });
    await double.waitForCall('response_url', (c) => JSON.stringify(c.args).includes('is closed'));
    expect(double.callsTo('views.open').filter((c) => c.args.trigger_id && c.response.ok)).toHaveLength(2);
    expect(dms()).toHaveLength(2);
    expect(double.violations).toEqual([]);
  });

  it('"Close round": refuses others, closes for the starter once, and a round with no answers says so without a score', async () => {
    const { double, app } = await setUp();
    await command(double, 'assess round 5d');
    await double.blockAction({ userId: CAROL, actionId: 'round_close', value: '1' });
    await double.waitForCall('response_url', (c) => JSON.stringify(c.args).includes('Only the person who started'));
    expect(summaryPosts(double)).toEqual([]);

    // Two clicks at once (starter and admin): one closes, the other finds it closed.
    await Promise.all([
      double.blockAction({ userId: ALICE, actionId: 'round_close', value: '1' }),
      double.blockAction({ userId: BOB_ADMIN, actionId: 'round_close', value: '1' }),
    ]);
    await double.waitForCall('response_url', (c) => JSON.stringify(c.args).includes('already closed'));
    await app.idle();
    const posts = summaryPosts(double);
    expect(posts).toHaveLength(1);
    expect(blockText(posts[0]!.args.blocks)).toContain('with no answers, so there is no score this time');
    expect(blockText(posts[0]!.args.blocks)).not.toMatch(/\d\.\d \/ 5/);
    expect(double.callsTo('files.getUploadURLExternal')).toEqual([]);
    expect(double.violations).toEqual([]);
  });

  it('answers bad input clearly and saves nothing: a duration that is not one, a channel the bot cannot post to', async () => {
    const { double, app } = await setUp();
    expect(await command(double, `assess round <#${GENERAL}|general> soon`)).toContain("`soon` isn't a duration");
    expect(await command(double, 'assess round 45d')).toContain('from 1 hour to 30 days');
    expect(await command(double, `assess round <#${PRIVATE_NOT_MEMBER}|secret> 2d`)).toContain(
      "I couldn't start the round: I can't post in <#G0SECRET>",
    );
    expect(await app.db.selectFrom('assessment_rounds').selectAll().execute()).toEqual([]);
    expect(double.channel(GENERAL)!.messages).toEqual([]);
    expect(double.violations).toEqual([]);
  });

  it('starts a round from the "Start a team round" button under a single assessment summary', async () => {
    const { double, app } = await setUp();
    const view = await openAssessModal(double, ALICE, GENERAL);
    const scores = { data_integration: 3, activation: 3, usage_campaigns: 3, pqls: 3, feedback_loop: 3 };
    await double.submitView({
      userId: ALICE,
      viewId: view.id,
      values: assessValues({ segment: 'pure_plg', channel: GENERAL, scores }),
    });
    await app.idle();
    await double.blockAction({ userId: BOB_ADMIN, actionId: 'round_start' });
    await double.waitForCall('response_url', (c) => JSON.stringify(c.args).includes('Round #1 started here'));
    const [round] = await app.db.selectFrom('assessment_rounds').selectAll().execute();
    expect(round).toMatchObject({
      channel_id: GENERAL,
      started_by: BOB_ADMIN,
      status: 'open',
      deadline_at: '2026-11-28T10:00:00.000Z',
    });
    expect(blockText(double.channel(GENERAL)!.messages.at(-1)!.blocks)).toContain('Team assessment round');
    expect(double.violations).toEqual([]);
  });

  it('invites the members of a user group, plus mentioned people, and can be anonymous', async () => {
    const { double, app } = await setUp();
    double.addUsergroup({ id: 'S0GTM', handle: 'gtm', users: [CAROL, DAVE] });
    const answer = await command(double, `assess round <!subteam^S0GTM|@gtm> <@${ERIN}> anonymous 36h`);
    expect(answer).toContain('open for 36h');
    expect(answer).toContain('3 invited, anonymous');
    const invitees = await app.db
      .selectFrom('assessment_round_invitees')
      .select('user_id')
      .orderBy('user_id')
      .execute();
    expect(invitees.map((i) => i.user_id)).toEqual([CAROL, DAVE, ERIN]);
    const [round] = await app.db.selectFrom('assessment_rounds').selectAll().execute();
    expect(round).toMatchObject({ anonymous: 1, deadline_at: '2026-11-24T22:00:00.000Z' });
    expect(double.violations).toEqual([]);
  });

  it('retries a summary Slack refused on a later tick, and posts it once', async () => {
    const { double, app, clock } = await setUp();
    await command(double, 'assess round 1d');
    await answerRound(double, CAROL, 1, {
      function: 'product',
      scores: { data_integration: 3, activation: 3, usage_campaigns: 3, pqls: 3, feedback_loop: 3 },
    });
    clock.advance(DAY);
    double.failNext('chat.postMessage', { error: 'fatal_error' });
    await app.tick();
    expect(summaryPosts(double)).toEqual([]);
    const [failed] = await app.db.selectFrom('assessment_rounds').selectAll().execute();
    expect(failed).toMatchObject({
      status: 'closed',
      summary_ts: null,
      summary_error: 'other: fatal_error',
      summary_attempts: 1,
    });
    await app.tick(); // backing off: not yet
    expect(double.callsTo('chat.postMessage').filter((c) => String(c.args.text).includes('/ 5'))).toHaveLength(1);
    clock.advance(3 * 60_000);
    await app.tick();
    await app.tick();
    expect(summaryPosts(double)).toHaveLength(1);
    expect(double.violations).toEqual([]);
  });

  it('posts the summary once when a tick comes while "Close round" still waits out a 429 longer than the old 1-minute claim', async () => {
    const { double, app, clock } = await setUp();
    await command(double, 'assess round 5d');
    await answerRound(double, CAROL, 1, {
      function: 'product',
      scores: { data_integration: 3, activation: 3, usage_campaigns: 3, pqls: 3, feedback_loop: 3 },
    });
    double.failNext('chat.postMessage', { status: 429, retryAfterSeconds: 2 });
    await double.blockAction({ userId: ALICE, actionId: 'round_close', value: '1' });
    await double.waitForCall('chat.postMessage', (c) => c.status === 429);
    // The click's attempt is still in the client's hands; on the app's clock five minutes pass and the job runs.
    clock.advance(5 * 60_000);
    await app.tick();
    await double.waitForCall('response_url', (c) => JSON.stringify(c.args).includes('Round #1 is closed'));
    expect(summaryPosts(double)).toHaveLength(1);
    clock.advance(2 * HOUR);
    await app.tick();
    expect(summaryPosts(double)).toHaveLength(1);
    const [round] = await app.db.selectFrom('assessment_rounds').selectAll().execute();
    expect(round).toMatchObject({ summary_ts: summaryPosts(double)[0]!.response.ts, summary_attempts: 1 });
    expect(double.violations).toEqual([]);
  });

  it('keeps retrying a summary past eight failures, at most an hour apart, and never drops it', async () => {
    const { double, app, clock } = await setUp();
    await command(double, 'assess round 1d');
    await answerRound(double, CAROL, 1, {
      function: 'product',
      scores: { data_integration: 3, activation: 3, usage_campaigns: 3, pqls: 3, feedback_loop: 3 },
    });
    clock.advance(DAY);
    double.failNext('chat.postMessage', { error: 'fatal_error' }, 10);
    for (let i = 0; i < 10; i += 1) {
      await app.tick();
      const [round] = await app.db.selectFrom('assessment_rounds').selectAll().execute();
      expect(round).toMatchObject({ summary_ts: null, summary_attempts: i + 1 });
      expect(new Date(round!.summary_next_attempt_at!).getTime() - clock.now().getTime()).toBe(
        Math.min(60, 2 ** i) * 60_000,
      );
      clock.advance(HOUR);
    }
    expect(summaryPosts(double)).toEqual([]);
    await app.tick();
    expect(summaryPosts(double)).toHaveLength(1);
    expect(double.violations).toEqual([]);
  });

  it('posts the summary of a round closed just before a crash, before any attempt was claimed', async () => {
    const { double, app } = await setUp();
    await command(double, 'assess round 5d');
    await answerRound(double, CAROL, 1, {
      function: 'product',
      scores: { data_integration: 3, activation: 3, usage_campaigns: 3, pqls: 3, feedback_loop: 3 },
    });
    // What claimClose leaves behind when the process dies before the summary attempt.
    await app.db
      .updateTable('assessment_rounds')
      .set({ status: 'closed', closed_at: '2026-11-23T10:00:00.000Z', closed_by: ALICE, summary_attempts: 0 })
      .execute();
    await app.tick();
    await app.tick();
    expect(summaryPosts(double)).toHaveLength(1);
    expect(double.violations).toEqual([]);
  });
});
