import { describe, expect, it } from 'vitest';
import { blockText } from '../helpers/assess-journey.js';
import { ALICE, BOB_ADMIN, GENERAL, useLoopkeeper } from '../helpers/loopkeeper.js';
import { addRisk, listRisks, nextModal, openAddRisk, riskValues, seedRisks } from '../helpers/risk-journey.js';
import { tableRows } from '../helpers/table.js';

const start = useLoopkeeper();

const coverage = {
  category: 'pipeline_generation',
  title: 'Pipeline coverage <3x & falling',
  description: 'Q1 pipeline is thin',
  likelihood: 3,
  impact: 4,
  mitigation: 'Outbound sequence to <!channel> lookalikes',
  kpis: 'Pipeline coverage, SQLs per week',
  owner: BOB_ADMIN,
  reviewDate: '2026-12-01',
};

describe('/loop risk', () => {
  it('adds, lists, re-scores and closes a risk, keeping every change as history', async () => {
    const { double, app } = await start();
    const { ack } = await addRisk(double, ALICE, GENERAL, coverage);
    expect(ack).toBeUndefined();
    await app.idle();
    expect(blockText(double.ephemeralsFor(ALICE).at(-1)?.blocks)).toContain(
      'Risk added: :large_orange_circle: *12* High · *Pipeline coverage &lt;3x &amp; falling*',
    );

    const [stored] = await app.db.selectFrom('risks').selectAll().execute();
    expect(stored).toMatchObject({
      team_id: 'T0TEST',
      category: 'pipeline_generation',
      likelihood: 3,
      impact: 4,
      score: 12,
      owner_id: BOB_ADMIN,
      review_date: '2026-12-01',
      status: 'open',
      created_by: ALICE,
    });
    expect(stored?.mitigation).toBe('Outbound sequence to <!channel> lookalikes');

    await addRisk(double, ALICE, GENERAL, {
      category: 'brand_perception',
      title: 'Analyst report',
      likelihood: 1,
      impact: 2,
      owner: ALICE,
      reviewDate: '2026-12-10',
    });
    await addRisk(double, ALICE, GENERAL, {
      category: 'execution_capacity',
      title: 'PMM hire delayed',
      likelihood: 5,
      impact: 4,
      owner: ALICE,
      reviewDate: '2026-12-05',
    });
    await app.idle();

    const list = await listRisks(double, ALICE, GENERAL);
    const text = blockText(list.blocks);
    expect(text).toContain('*Open risks* · 1-3 of 3, highest score first');
    // Highest score first: 20, 12, 2.
    expect(text.indexOf('PMM hire delayed')).toBeLessThan(text.indexOf('Pipeline coverage'));
    expect(text.indexOf('Pipeline coverage')).toBeLessThan(text.indexOf('Analyst report'));
    expect(text).not.toContain('<!channel>');
    // The page is a table: numbered rows, the title as typed, owners as mentions; each risk's buttons name its row.
    const rows = tableRows(list.blocks).map((r) => r.slice(0, 6));
    expect(rows).toEqual([
      ['#', 'Risk', 'Score', 'Severity', 'Category', 'Owner'],
      ['1', 'PMM hire delayed', '20', 'Critical', 'Execution capacity', `<@${ALICE}>`],
      ['2', 'Pipeline coverage <3x & falling', '12', 'High', 'Pipeline generation', `<@${BOB_ADMIN}>`],
      ['3', 'Analyst report', '2', 'Low', 'Brand perception', `<@${ALICE}>`],
    ]);
    const buttons = list
      .blocks!.filter((b: any) => b.type === 'actions')
      .map((b: any) => b.elements.map((e: any) => e.text.text));
    expect(buttons[1]).toEqual(['Edit #2', 'Re-score #2', 'Close #2', 'History #2']);

    // Re-score: 5 x 4 = 20, critical.
    const id = stored!.id;
    let before = double.callsTo('views.open').length;
    await double.blockAction({ userId: ALICE, actionId: 'risk_rescore', blockId: `risk_actions:${id}` });
    const rescore = await nextModal(double, ALICE, before);
    expect(rescore.callback_id).toBe('risk_rescore_modal');
    const bad = await double.submitView({
      userId: ALICE,
      viewId: rescore.id,
      values: { 'risk_likelihood/value': '7', 'risk_impact/value': '4' },
    });
    expect(bad.ack).toEqual({
      response_action: 'errors',
      errors: { risk_likelihood: 'The likelihood must be a whole number from 1 to 5, not "7".' },
    });
    const good = await double.submitView({
      userId: ALICE,
      viewId: rescore.id,
      values: { 'risk_likelihood/value': '5', 'risk_impact/value': '4', 'risk_note/value': 'Competitor launched' },
    });
    expect(good.ack).toBeUndefined();
    await app.idle();
    expect(
      await app.db.selectFrom('risks').select(['score', 'likelihood']).where('id', '=', id).executeTakeFirst(),
    ).toEqual({ score: 20, likelihood: 5 });

    // Close asks for a resolution note; an empty one is an inline error.
    before = double.callsTo('views.open').length;
    await double.blockAction({ userId: ALICE, actionId: 'risk_close', blockId: `risk_actions:${id}` });
    const close = await nextModal(double, ALICE, before);
    const noNote = await double.submitView({
      userId: ALICE,
      viewId: close.id,
      values: { 'risk_resolution/value': ' ' },
      skipClientValidation: true,
    });
    expect(noNote.ack.errors).toEqual({
      risk_resolution: 'Say how the risk was resolved (or why it no longer applies).',
    });
    await double.submitView({
      userId: ALICE,
      viewId: close.id,
      values: { 'risk_resolution/value': 'Coverage back at 3.4x' },
    });
    await app.idle();

    const closed = await app.db.selectFrom('risks').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(closed).toMatchObject({
      status: 'closed',
      resolution: 'Coverage back at 3.4x',
      closed_by: ALICE,
      score: 20,
    });
    const events = await app.db
      .selectFrom('risk_events')
      .select(['type', 'actor', 'score', 'note'])
      .where('risk_id', '=', id)
      .orderBy('id')
      .execute();
    expect(events).toEqual([
      { type: 'created', actor: ALICE, score: 12, note: null },
      { type: 'rescored', actor: ALICE, score: 20, note: 'Competitor launched' },
      { type: 'closed', actor: ALICE, score: 20, note: 'Coverage back at 3.4x' },
    ]);

    // The history shows the score over time; the closed risk leaves the list.
    await double.blockAction({ userId: ALICE, actionId: 'risk_history', blockId: `risk_actions:${id}` });
    await app.idle();
    await double.waitForCall('response_url', (c) => blockText(c.args.blocks).includes('Score over time'));
    const history = blockText(double.ephemeralsFor(ALICE).at(-1)?.blocks);
    expect(history).toContain('*Score over time:* 12 → 20');
    expect(history).toContain('re-scored · score 12 → 20 (5×4) · _Competitor launched_\n      ◦ likelihood: 3 → 5');
    expect(history).toContain('Closed');
    const after = blockText((await listRisks(double, ALICE, GENERAL)).blocks);
    expect(after).toContain('of 2');
    expect(after).not.toContain('Pipeline coverage');
    expect(double.violations).toEqual([]);
  });

  it('edits a risk and records which fields changed, with the new score', async () => {
    const { double, app } = await start();
    await addRisk(double, ALICE, GENERAL, coverage);
    await app.idle();
    const { id } = await app.db.selectFrom('risks').select('id').executeTakeFirstOrThrow();
    await listRisks(double, ALICE, GENERAL);
    const before = double.callsTo('views.open').length;
    await double.blockAction({ userId: ALICE, actionId: 'risk_edit', blockId: `risk_actions:${id}` });
    const edit = await nextModal(double, ALICE, before);
    expect(edit.callback_id).toBe('risk_edit_modal');
    expect(edit.blocks.find((b: any) => b.block_id === 'risk_title').element.initial_value).toBe(coverage.title);
    const values = riskValues({ ...coverage, impact: 5, owner: ALICE, reviewDate: '2026-12-15' });
    const { ack } = await double.submitView({ userId: ALICE, viewId: edit.id, values });
    expect(ack).toBeUndefined();
    await app.idle();
    const events = await app.db
      .selectFrom('risk_events')
      .select(['type', 'score', 'changes'])
      .where('risk_id', '=', id)
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.type)).toEqual(['created', 'edited']);
    expect(JSON.parse(events[1]!.changes!)).toEqual({
      impact: [4, 5],
      ownerId: [BOB_ADMIN, ALICE],
      reviewDate: ['2026-12-01', '2026-12-15'],
    });
    expect(events[1]!.score).toBe(15);
    expect(double.violations).toEqual([]);
  });

  it("shows in History each edited field's before and after, escaped, long text cut", async () => {
    const { double, app } = await start();
    await addRisk(double, ALICE, GENERAL, coverage);
    await app.idle();
    const { id } = await app.db.selectFrom('risks').select('id').executeTakeFirstOrThrow();
    await listRisks(double, ALICE, GENERAL);
    const before = double.callsTo('views.open').length;
    await double.blockAction({ userId: ALICE, actionId: 'risk_edit', blockId: `risk_actions:${id}` });
    const edit = await nextModal(double, ALICE, before);
    const longer = `Q1 pipeline is thin; ${'the mid-market segment keeps slipping '.repeat(6)}and <!here> should know`;
    const values = riskValues({
      ...coverage,
      category: 'channel_dependency',
      title: 'Partner <@U0X> leaves',
      description: longer,
      impact: 5,
      mitigation: '',
      owner: ALICE,
      reviewDate: '2026-12-15',
    });
    await double.submitView({ userId: ALICE, viewId: edit.id, values });
    await app.idle();

    const shown = double.callsTo('response_url').length;
    await double.blockAction({ userId: ALICE, actionId: 'risk_history', blockId: `risk_actions:${id}` });
    await double.waitForCall('response_url', (c) => double.callsTo('response_url').indexOf(c) >= shown);
    const history = blockText(double.ephemeralsFor(ALICE).at(-1)?.blocks);
    const day = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d, 12) / 1000;
    const editLines = history.slice(history.indexOf('> edited')).split('\n');
    expect(editLines[0]).toBe('> edited · score 12 → 15 (3×5)');
    expect(editLines.slice(1, 8)).toEqual([
      '      ◦ category: Pipeline generation → Channel or partner dependency',
      '      ◦ title: “Pipeline coverage &lt;3x &amp; falling” → “Partner &lt;@U0X&gt; leaves”',
      '      ◦ description: “Q1 pipeline is thin” → “Q1 pipeline is thin; the mid-market segment keeps slipping the mid-market…”',
      '      ◦ impact: 4 → 5',
      '      ◦ mitigation: “Outbound sequence to &lt;!channel&gt; lookalikes” → _(empty)_',
      `      ◦ owner: <@${BOB_ADMIN}> → <@${ALICE}>`,
      `      ◦ review date: <!date^${day(2026, 12, 1)}^{date_short}|Tue 1 Dec 2026> → <!date^${day(2026, 12, 15)}^{date_short}|Tue 15 Dec 2026>`,
    ]);
    expect(history).toContain(`Open · review <!date^${day(2026, 12, 15)}^{date_short_pretty}|Tue 15 Dec 2026>`);
    expect(history).not.toContain('<!here>');
    expect(history).not.toContain('<@U0X>');
    expect(double.violations).toEqual([]);
  });

  it('answers bad input in the risk modal with inline errors and stores nothing', async () => {
    const { double, app } = await start();
    const view = await openAddRisk(double, ALICE, GENERAL);
    expect(view.callback_id).toBe('risk_add_modal');
    expect(view.title.text.length).toBeLessThanOrEqual(24);

    const zero = await double.submitView({
      userId: ALICE,
      viewId: view.id,
      values: riskValues({ ...coverage, likelihood: 0 }),
    });
    expect(zero.ack).toEqual({
      response_action: 'errors',
      errors: { risk_likelihood: 'The likelihood must be a whole number from 1 to 5, not "0".' },
    });

    // Slack's client refuses an empty required title; the app must not trust that.
    const noTitle = await double.submitView({
      userId: ALICE,
      viewId: view.id,
      values: riskValues({ ...coverage, title: '' }),
      skipClientValidation: true,
    });
    expect(noTitle.ack.response_action).toBe('errors');
    expect(noTitle.ack.errors).toEqual({ risk_title: 'Give the risk a short title.' });

    const several = await double.submitView({
      userId: ALICE,
      viewId: view.id,
      values: riskValues({ ...coverage, title: '   ', likelihood: 0, impact: 6, reviewDate: '2026-11-01' }),
    });
    expect(Object.keys(several.ack.errors).sort()).toEqual([
      'risk_impact',
      'risk_likelihood',
      'risk_review_date',
      'risk_title',
    ]);
    expect(several.ack.errors.risk_review_date).toBe(
      "The next review can't be in the past; pick Mon 23 Nov 2026 or later.",
    );

    expect(await app.db.selectFrom('risks').selectAll().execute()).toEqual([]);
    expect(double.topView(ALICE)?.id).toBe(view.id);
    expect(double.violations).toEqual([]);
  });

  it('explains the risk subcommands for wrong input', async () => {
    const { double } = await start();
    for (const text of ['risk', 'risk delete 3']) {
      const before = double.callsTo('response_url').length;
      await double.slashCommand({ command: '/loop', text, userId: ALICE, channelId: GENERAL });
      await double.waitForCall('response_url', (c) => double.callsTo('response_url').indexOf(c) >= before);
    }
    const answers = double.ephemeralsFor(ALICE).map((e) => blockText(e.blocks));
    expect(answers[0]).toContain('*Risk register commands:*');
    expect(answers[1]).toContain("I don't know `/loop risk delete 3`.");
    expect(answers.every((a) => a.includes('`/loop risk list [page]`'))).toBe(true);
    expect(double.callsTo('views.open')).toEqual([]);
    expect(double.violations).toEqual([]);
  });

  it('says once what is wrong with a page number: not a number, or before the first or past the last page', async () => {
    const { double, app } = await start();
    const answer = async (args: string) => {
      const reply = await listRisks(double, ALICE, GENERAL, args);
      return { text: reply.text, shown: blockText(reply.blocks) };
    };
    expect(await answer('-1')).toEqual({
      text: 'Pages start at 1, so there is no page `-1`; `/loop risk list` shows the first.',
      shown: 'Pages start at 1, so there is no page `-1`; `/loop risk list` shows the first.',
    });
    expect((await answer('0')).shown).toBe(
      'Pages start at 1, so there is no page `0`; `/loop risk list` shows the first.',
    );
    expect((await answer('two')).shown).toBe(
      '`two` is not a page number; type one like `/loop risk list 2`, or nothing for the first page.',
    );
    expect((await answer('<!here>')).shown).toBe(
      '`&lt;!here&gt;` is not a page number; type one like `/loop risk list 2`, or nothing for the first page.',
    );

    await seedRisks(app.db, 1);
    expect((await answer('3')).shown).toBe('There is only 1 page of open risks; `/loop risk list` shows the last.');
    expect((await answer('99999999999999999999')).shown).toBe(
      'There is only 1 page of open risks; `/loop risk list` shows the last.',
    );
    const one = await listRisks(double, ALICE, GENERAL);
    expect(one.text).toBe('1 open risk');
    await seedRisks(app.db, 20);
    expect((await answer('5')).shown).toBe('There are only 2 pages of open risks; `/loop risk list 2` shows the last.');
    expect(blockText((await listRisks(double, ALICE, GENERAL)).blocks)).toContain(
      '1 more with a lower score · `/loop risk list 2`',
    );
    expect(double.violations).toEqual([]);
  });

  it('shows review dates as Slack date tokens with a readable fallback, like Home and History', async () => {
    const { double, app } = await start();
    await addRisk(double, ALICE, GENERAL, coverage);
    await app.idle();
    // 2026-12-01 at midday in the team's zone (UTC by default).
    const token = `<!date^${Date.UTC(2026, 11, 1, 12) / 1000}^{date_short_pretty}|Tue 1 Dec 2026>`;
    expect(blockText(double.ephemeralsFor(ALICE).at(-1)?.blocks)).toContain(`review ${token}`);
    const list = await listRisks(double, ALICE, GENERAL);
    // In the list's table the review date is a rich_text date element with the same format and fallback.
    const rows = tableRows(list.blocks);
    expect(rows[0]).toEqual(['#', 'Risk', 'Score', 'Severity', 'Category', 'Owner', 'Review']);
    expect(rows[1]![6]).toBe(token);
    expect(blockText(list.blocks)).not.toContain('2026-12-01');
    expect(double.violations).toEqual([]);
  });

  it('pages a long register within the message block limit', async () => {
    const { double, app } = await start();
    await seedRisks(app.db, 45);
    const first = await listRisks(double, ALICE, GENERAL);
    expect(first.blocks?.length).toBeLessThanOrEqual(50);
    expect(blockText(first.blocks)).toContain('1-20 of 45');
    expect(blockText(first.blocks)).toContain('`/loop risk list 2`');
    await double.blockAction({ userId: ALICE, actionId: 'risk_page', blockId: 'risk_page' });
    await double.waitForCall('response_url', (c) => blockText(c.args.blocks).includes('21-40 of 45'));
    const third = await listRisks(double, ALICE, GENERAL, '3');
    expect(blockText(third.blocks)).toContain('41-45 of 45');
    expect(blockText(third.blocks)).not.toContain('risk list 4');
    expect(double.violations).toEqual([]);
  });
});

describe('risk review reminders', () => {
  it('DMs the owner once when the review date arrives in the team time zone, and again for the next date', async () => {
    const { double, app, clock } = await start({ start: new Date('2026-11-23T10:00:00Z') });
    await addRisk(double, ALICE, GENERAL, { ...coverage, title: 'Partner <b> churn', reviewDate: '2026-11-25' });
    await app.idle();
    const dms = () => double.channel(BOB_ADMIN)?.messages ?? [];

    await app.tick();
    clock.set(new Date('2026-11-25T08:59:00Z'));
    await app.tick();
    expect(dms()).toEqual([]);

    clock.set(new Date('2026-11-25T09:00:00Z'));
    await app.tick();
    await app.tick();
    clock.advance(3600_000);
    await app.tick();
    expect(dms()).toHaveLength(1);
    expect(blockText(dms()[0]!.blocks)).toContain(
      `*Time to review a risk you own* (review date <!date^${Date.UTC(2026, 10, 25, 12) / 1000}^{date_short_pretty}|Wed 25 Nov 2026>)`,
    );
    expect(dms()[0]!.text).toContain('(review date Wed 25 Nov 2026)');
    expect(blockText(dms()[0]!.blocks)).toContain('Partner &lt;b&gt; churn');
    const { id } = await app.db.selectFrom('risks').select('id').executeTakeFirstOrThrow();
    expect(
      await app.db
        .selectFrom('risk_review_reminders')
        .select(['review_date', 'status', 'attempts'])
        .where('risk_id', '=', id)
        .execute(),
    ).toEqual([{ review_date: '2026-11-25', status: 'sent', attempts: 1 }]);
    expect(double.violations).toEqual([]);
  });

  it('retries a DM Slack failed to take on a later tick instead of dropping it', async () => {
    const { double, app, clock } = await start({ start: new Date('2026-11-23T10:00:00Z') });
    await addRisk(double, ALICE, GENERAL, { ...coverage, owner: ALICE, reviewDate: '2026-11-23' });
    await app.idle();
    double.failNext('chat.postMessage', { error: 'internal_error' });
    await app.tick();
    expect(double.channel(ALICE)?.messages ?? []).toEqual([]);
    const [pending] = await app.db.selectFrom('risk_review_reminders').selectAll().execute();
    expect(pending).toMatchObject({ status: 'pending', attempts: 1, last_error: 'other: internal_error' });

    await app.tick();
    expect(double.channel(ALICE)?.messages ?? []).toEqual([]);
    clock.advance(61_000);
    await app.tick();
    expect(double.channel(ALICE)?.messages).toHaveLength(1);
    expect(double.violations).toEqual([]);
  });

  it('keeps retrying a review DM past ten failures, at most an hour apart, until Slack takes it', async () => {
    const { double, app, clock } = await start({ start: new Date('2026-11-23T10:00:00Z') });
    await addRisk(double, ALICE, GENERAL, { ...coverage, owner: ALICE, reviewDate: '2026-11-23' });
    await app.idle();
    double.failNext('chat.postMessage', { error: 'internal_error' }, 12);
    for (let i = 0; i < 12; i += 1) {
      await app.tick();
      const [row] = await app.db.selectFrom('risk_review_reminders').selectAll().execute();
      expect(row).toMatchObject({ status: 'pending', attempts: i + 1 });
      // Backoff grows 1, 2, 4 ... minutes and stops at an hour.
      expect(new Date(row!.next_attempt_at).getTime() - clock.now().getTime()).toBe(Math.min(60, 2 ** i) * 60_000);
      clock.advance(60 * 60_000);
    }
    expect(double.channel(ALICE)?.messages ?? []).toEqual([]);
    await app.tick();
    expect(double.channel(ALICE)?.messages).toHaveLength(1);
    expect(await app.db.selectFrom('risk_review_reminders').select(['status', 'attempts']).execute()).toEqual([
      { status: 'sent', attempts: 13 },
    ]);
    // The notification fallback is mrkdwn too: the typed title is escaped there as well.
    expect(double.channel(ALICE)!.messages[0]!.text).toContain('"Pipeline coverage &lt;3x &amp; falling"');
    expect(double.violations).toEqual([]);
  });

  it('does not remind about a risk closed before its review date', async () => {
    const { double, app, clock } = await start();
    await addRisk(double, ALICE, GENERAL, { ...coverage, owner: ALICE, reviewDate: '2026-11-24' });
    await app.idle();
    await app.db.updateTable('risks').set({ status: 'closed' }).execute();
    clock.set(new Date('2026-11-24T12:00:00Z'));
    await app.tick();
    expect(double.channel(ALICE)?.messages ?? []).toEqual([]);
    expect(double.violations).toEqual([]);
  });
});
