import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MQA_STATUSES } from '../../src/features/mqa/domain/index.js';
import { DEMO_WEEKS } from '../../src/sandbox/demo.js';
import {
  GTM_REVIEW,
  MARKETING_REVIEW,
  MAYA_ADMIN,
  SANDBOX_START,
  startTestSandbox,
  type TestSandbox,
} from './start.js';

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox({ demo: true });
}, 60_000);
afterAll(() => t?.dispose());

const topLevelBotPosts = (state: any, channel: string) =>
  state.messages[channel].filter(
    (m: any) => m.user === 'U0LOOPBOT' && !m.ephemeral && (!m.threadTs || m.threadTs === m.ts),
  );

describe('the demo data set', () => {
  it('has accounts in every MQA status, made through the review, the cards and the CSV imports', async () => {
    const rows = await t.sandbox.app.db.selectFrom('mqa_items').select(['account_name', 'status']).execute();
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(MQA_STATUSES));
    // The example CSV's accounts are among them, with the names as the file spells them.
    expect(rows.map((r) => r.account_name)).toEqual(
      expect.arrayContaining(['Acme Analytics', 'Globex, Inc.', 'Initech']),
    );
  });

  it('has an assessment history, two rituals with posts, KPIs from the example CSVs and risks', async () => {
    const { db } = t.sandbox.app;
    const assessments = await db.selectFrom('assessments').select(['created_at', 'posted_ts']).orderBy('id').execute();
    expect(assessments).toHaveLength(4);
    // Spread over the demo's weeks, each one posted.
    const days = assessments.map((a) => Math.round((Date.parse(a.created_at) - SANDBOX_START.getTime()) / 86_400_000));
    expect(days).toEqual([0, 20, 41, DEMO_WEEKS * 7 - 1]);
    expect(assessments.every((a) => a.posted_ts !== null)).toBe(true);
    const rituals = await db.selectFrom('rituals').select(['kind', 'channel_id']).orderBy('id').execute();
    expect(rituals).toEqual([
      { kind: 'gtm_review', channel_id: GTM_REVIEW },
      { kind: 'monthly_sync', channel_id: MARKETING_REVIEW },
    ]);
    const posted = await db.selectFrom('ritual_posts').select(['ritual_id']).execute();
    expect(new Set(posted.map((p) => p.ritual_id)).size).toBe(2);
    expect(await db.selectFrom('gtm_deals').select('id').execute()).toHaveLength(3);
    expect(await db.selectFrom('gtm_leads').select('id').execute()).toHaveLength(3);
    expect(await db.selectFrom('risks').select('id').where('status', '=', 'open').execute()).toHaveLength(3);

    const state = await t.state(MAYA_ADMIN);
    expect(state.demoLoaded).toBe(true);
    // Each ritual occurrence of the demo's weeks was posted: three-weekly reviews plus the assessment summaries.
    expect(
      topLevelBotPosts(state, GTM_REVIEW).filter((m: any) => JSON.stringify(m.blocks).includes('GTM review')).length,
    ).toBeGreaterThanOrEqual(3);
    expect(Date.parse(state.now)).toBeGreaterThanOrEqual(SANDBOX_START.getTime() + DEMO_WEEKS * 7 * 86_400_000);
    expect(state.errors).toEqual([]);
  });

  it("fills App Home and points fast-forward at a shared account's SLA or the next ritual", async () => {
    await t.post('home', { as: MAYA_ADMIN });
    const state = await t.state(MAYA_ADMIN);
    const home = JSON.stringify(state.home.blocks);
    for (const part of ['Latest score', 'Next rituals', 'Top risks', 'Pipeline coverage below 3x'])
      expect(home).toContain(part);
    expect(state.nextStop.label).toMatch(
      /^(SLA reminder for (Acme Analytics|Globex, Inc\.)|GTM review in #gtm-review|Monthly Marketing-Sales sync in #marketing-review)$/,
    );
  });
});
