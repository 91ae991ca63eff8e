import { describe, expect, it } from 'vitest';
import { assessValues, blockText, openAssessModal } from '../helpers/assess-journey.js';
import { ALICE, GENERAL, PRIVATE_NOT_MEMBER, useLoopkeeper } from '../helpers/loopkeeper.js';

const start = useLoopkeeper();
const scores = { data_integration: 3, activation: 2, usage_campaigns: 4, pqls: 3, feedback_loop: 4 };

describe('/loop help and unknown commands', () => {
  it('answers /loop help, an empty /loop and an unknown subcommand with an ephemeral usage list', async () => {
    const { double } = await start();
    for (const text of ['help', '', 'frobnicate <!channel>']) {
      const { ack } = await double.slashCommand({ command: '/loop', text, userId: ALICE, channelId: GENERAL });
      expect(ack.response_type ?? 'ephemeral').toBe('ephemeral');
      expect(blockText(ack.blocks)).toContain('/loop assess [segment]');
    }
    const unknown = double.ephemeralsFor(ALICE).at(-1);
    expect(blockText(unknown?.blocks)).toContain("I don't know `/loop frobnicate &lt;!channel&gt;`");
    expect(double.channel(GENERAL)?.messages).toEqual([]);
    expect(double.violations).toEqual([]);
  });

  it('refuses an unknown segment with usage help instead of opening the modal', async () => {
    const { double } = await start();
    await double.slashCommand({ command: '/loop', text: 'assess enterprise-magic', userId: ALICE, channelId: GENERAL });
    await double.waitForCall('response_url');
    expect(blockText(double.ephemeralsFor(ALICE).at(-1)?.blocks)).toContain(
      "I don't know the segment `enterprise-magic`",
    );
    expect(double.callsTo('views.open')).toEqual([]);
  });
});

describe('/loop assess end to end', () => {
  it('opens the modal inside the trigger window with the segment from the command and full level descriptions', async () => {
    const { double } = await start();
    const view = await openAssessModal(double, ALICE, GENERAL, 'assess plg-sales-assist');
    const call = double.callsTo('views.open')[0]!;
    expect(call.response.ok).toBe(true);
    expect(view.callback_id).toBe('assess_modal');
    const segment = view.blocks.find((b: any) => b.block_id === 'assess_segment');
    expect(segment.element.initial_option.value).toBe('plg_sales_assist');
    const channel = view.blocks.find((b: any) => b.block_id === 'assess_channel');
    expect(channel.element.initial_conversation).toBe(GENERAL);
    // A description longer than Slack's 75-character option limit is shown whole, not cut.
    expect(blockText(view.blocks)).toContain(
      'Real-time product events to marketing; 10+ key events synced; unified profiles',
    );
    expect(double.violations).toEqual([]);
  });

  it('rejects a submission without a score inline, then stores and posts the corrected one', async () => {
    const { double, app } = await start();
    const view = await openAssessModal(double, ALICE, GENERAL);
    const { activation: _missing, ...withoutActivation } = scores;
    const incomplete = assessValues({ segment: 'plg_sales_assist', channel: GENERAL, scores: withoutActivation });

    // Slack's client refuses an empty required input; the app must still not trust it.
    await expect(double.submitView({ userId: ALICE, viewId: view.id, values: incomplete })).rejects.toThrow(
      /required input/,
    );
    const { ack: rejected } = await double.submitView({
      userId: ALICE,
      viewId: view.id,
      values: incomplete,
      skipClientValidation: true,
    });
    expect(rejected).toEqual({
      response_action: 'errors',
      errors: { 'score:activation': 'Pick a score from 1 to 5 for Activation.' },
    });
    expect(await app.db.selectFrom('assessments').selectAll().execute()).toEqual([]);

    const values = assessValues({
      segment: 'plg_sales_assist',
      channel: GENERAL,
      scores,
      flags: { activation: ['activation.no_activation_metric'] },
      notes: { pqls: 'Ping <!channel> and see <http://evil.example|our wiki> & more' },
    });
    const { ack } = await double.submitView({ userId: ALICE, viewId: view.id, values });
    expect(ack).toBeUndefined();

    const post = await double.waitForCall('chat.postMessage', (c) => c.args.channel === GENERAL);
    await app.idle();
    const text = blockText(post.args.blocks);
    // (3+2+4+3+4)/5 = 3.2 -> Competent; PLG + Sales Assist good threshold is 3.2 -> Good.
    expect(text).toContain('Feedback-loop assessment: 3.2 / 5 · Competent');
    expect(text).toContain('Segment verdict: Good* for PLG + Sales Assist');
    expect(text).toContain('Expected average 2.4 · good from 3.2 · alarm at 1.8 or below');
    expect(text).toContain('`■■□□□` *2 Emerging* · Activation &amp; Onboarding');
    expect(text).toContain('*Activation &amp; Onboarding* is at 2 Emerging. To reach *3 Defined*');
    expect(text).toContain('No defined activation metric');
    expect(text).toContain('Functional feedback loop with usage campaigns and PQLs');
    expect(text).toContain('Scale behavioral campaigns; ML-enhanced PQLs; form growth team');
    expect(text).toContain('*First assessment*');
    // User-typed text cannot ping or fake a link.
    expect(text).toContain('Ping &lt;!channel&gt; and see &lt;http://evil.example|our wiki&gt; &amp; more');
    expect(text).not.toContain('<!channel>');

    const rows = await app.db.selectFrom('assessments').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      user_id: ALICE,
      segment: 'plg_sales_assist',
      target_channel_id: GENERAL,
      posted_ts: post.response.ts,
      post_error: null,
    });
    const stored = await app.db
      .selectFrom('assessment_scores')
      .select(['dimension', 'score'])
      .orderBy('dimension')
      .execute();
    expect(Object.fromEntries(stored.map((s) => [s.dimension, s.score]))).toEqual(scores);
    const flags = await app.db.selectFrom('assessment_red_flags').select('flag_key').execute();
    expect(flags.map((f) => f.flag_key)).toEqual(['activation.no_activation_metric']);
    expect(double.violations).toEqual([]);
  });

  it("says in each note's hint that it is capped at 500 characters, and refuses a longer one inline", async () => {
    const { double, app } = await start();
    const view = await openAssessModal(double, ALICE, GENERAL);
    const note = view.blocks.find((b: any) => b.block_id === 'note:activation');
    expect(note.hint.text).toBe('Up to 500 characters.');
    expect(note.element.max_length).toBe(500);

    // A client that skips Slack's length check gets the limit stated, and nothing is stored or cut.
    const values = assessValues({
      segment: 'pure_plg',
      channel: GENERAL,
      scores,
      notes: { activation: 'x'.repeat(501) },
    });
    const { ack } = await double.submitView({ userId: ALICE, viewId: view.id, values, skipClientValidation: true });
    expect(ack).toEqual({
      response_action: 'errors',
      errors: { 'note:activation': 'Keep the note to 500 characters: this one has 501.' },
    });
    expect(await app.db.selectFrom('assessments').selectAll().execute()).toEqual([]);

    // Exactly 500, emoji counted as one character each, is fine.
    const full = assessValues({
      segment: 'pure_plg',
      channel: GENERAL,
      scores,
      notes: { activation: '🚀'.repeat(500) },
    });
    expect((await double.submitView({ userId: ALICE, viewId: view.id, values: full })).ack).toBeUndefined();
    await app.idle();
    const [stored] = await app.db
      .selectFrom('assessment_scores')
      .select('note')
      .where('dimension', '=', 'activation')
      .execute();
    expect(stored?.note).toBe('🚀'.repeat(500));
    expect(double.violations).toEqual([]);
  });

  it("shows the change against the team's previous assessment, per dimension and overall", async () => {
    const { double, clock } = await start();
    const first = await openAssessModal(double, ALICE, GENERAL);
    await double.submitView({
      userId: ALICE,
      viewId: first.id,
      values: assessValues({ segment: 'pure_plg', channel: GENERAL, scores }),
    });
    await double.waitForCall('chat.postMessage');
    clock.advance(21 * 24 * 3600 * 1000);

    const second = await openAssessModal(double, ALICE, GENERAL);
    const better = { ...scores, activation: 4, pqls: 1 };
    await double.submitView({
      userId: ALICE,
      viewId: second.id,
      values: assessValues({ segment: 'pure_plg', channel: GENERAL, scores: better }),
    });
    const post = await double.waitForCall(
      'chat.postMessage',
      (c) => double.callsTo('chat.postMessage').indexOf(c) === 1,
    );
    const text = blockText(post.args.blocks);
    // 3.2 -> (3+4+4+1+4)/5 = 3.2: overall unchanged; activation +2, PQLs -2.
    expect(text).toContain('*Change since Assessment #1*');
    expect(text).toContain('3.2 Competent): overall = no change');
    expect(text).toContain('*4 Managed* · Activation &amp; Onboarding  ▲ +2');
    expect(text).toContain('*1 Ad hoc* · Product-Qualified Leads  ▼ -2');
    expect(text).toContain('*3 Defined* · Data Integration &amp; Infrastructure  = no change');
    // Level 1 raises an automatic red flag even though nothing was ticked.
    expect(text).toContain('Product-Qualified Leads is at level 1 (Ad hoc)');
    expect(double.violations).toEqual([]);
  });

  it('keeps the assessment and explains privately when the bot cannot post, then posts it again on request', async () => {
    const { double, app } = await start();
    const view = await openAssessModal(double, ALICE, GENERAL);
    await double.submitView({
      userId: ALICE,
      viewId: view.id,
      values: assessValues({ segment: 'pure_plg', channel: PRIVATE_NOT_MEMBER, scores }),
    });

    await app.idle();
    const notice = double.ephemeralsFor(ALICE).at(-1)!;
    expect(notice.channel).toBe(GENERAL);
    const text = blockText(notice.blocks);
    expect(text).toContain(`Your assessment #1 is saved, but I couldn't post it to <#${PRIVATE_NOT_MEMBER}>`);
    expect(text).toContain('/invite @Loopkeeper');
    expect(double.channel(PRIVATE_NOT_MEMBER)?.messages).toEqual([]);
    const [row] = await app.db.selectFrom('assessments').selectAll().execute();
    expect(row).toMatchObject({ posted_ts: null, post_error: 'channel_not_found: channel_not_found' });

    // The user invites the bot and presses "Post again".
    double.addChannel({ id: PRIVATE_NOT_MEMBER, name: 'secret', isPrivate: true, isMember: true });
    await double.blockAction({ userId: ALICE, actionId: 'assessment_repost', value: '1' });
    await double.waitForCall('chat.postMessage', (c) => c.args.channel === PRIVATE_NOT_MEMBER && c.response.ok);
    await double.waitForCall('response_url', (c) => JSON.stringify(c.args).includes('is posted in'));
    await app.idle();
    // One summary; the chart is a reply in its thread.
    const topLevel = double.channel(PRIVATE_NOT_MEMBER)?.messages.filter((m) => !m.thread_ts) ?? [];
    expect(topLevel).toHaveLength(1);
    const [posted] = await app.db.selectFrom('assessments').selectAll().execute();
    expect(posted?.posted_ts).toBe(topLevel[0]?.ts);
    expect(
      double.channel(PRIVATE_NOT_MEMBER)?.messages.filter((m) => m.thread_ts === posted?.posted_ts && m.files?.length),
    ).toHaveLength(1);
    expect(double.violations).toEqual([]);
  });
});

describe('when Slack stumbles', () => {
  it('retries a summary post that Slack answered with 500 and then 429, and posts it exactly once', async () => {
    const { double, app } = await start();
    const view = await openAssessModal(double, ALICE, GENERAL);
    double.failNext('chat.postMessage', { status: 500 });
    double.failNext('chat.postMessage', { status: 429, retryAfterSeconds: 1 });
    await double.submitView({
      userId: ALICE,
      viewId: view.id,
      values: assessValues({ segment: 'pure_plg', channel: GENERAL, scores }),
    });
    await app.idle();
    const attempts = double.callsTo('chat.postMessage');
    expect(attempts.map((c) => c.status)).toEqual([500, 429, 200]);
    // One summary; the chart is a reply in its thread.
    const topLevel = double.channel(GENERAL)?.messages.filter((m) => !m.thread_ts) ?? [];
    expect(topLevel).toHaveLength(1);
    const [row] = await app.db.selectFrom('assessments').select(['posted_ts', 'post_error']).execute();
    expect(row).toEqual({ posted_ts: topLevel[0]?.ts, post_error: null });
  });
});
