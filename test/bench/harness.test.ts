import { describe, expect, it } from 'vitest';
import { QUICK, runBenchmarks } from '../../bench/harness.js';
import { formatReport } from '../../bench/report.js';

// Proves `npm run bench` works end to end on a tiny load. No timing assertions: performance targets live in the
// benchmark's own output, never in tests.
describe('benchmark harness (tiny load)', () => {
  it('runs every measurement against the double and produces a well-formed result', async () => {
    const result = await runBenchmarks(QUICK);
    const { interaction, dataScale, delivery, startup, mixedLoad } = result;

    expect(result.machine.cores).toBeGreaterThan(0);
    expect(result.machine.node).toBe(process.version);

    for (const app of [interaction.loopkeeper, interaction.baseline]) {
      expect(app.failures, app.failureSamples.join('\n')).toBe(0);
      expect(app.violations).toBe(0);
      expect(app.appErrors).toBe(0);
      for (const key of ['commandAck', 'viewsOpen', 'submissionAck', 'summaryPost'] as const) {
        expect(app[key].count).toBe(QUICK.interaction.count);
        expect(app[key].p50).toBeGreaterThan(0);
        expect(app[key].p50).toBeLessThanOrEqual(app[key].p99);
      }
    }
    expect(Number.isFinite(interaction.ratios.commandAck.p99)).toBe(true);

    const assessments = dataScale.generated.datasets.find((d) => d.table === 'assessments');
    expect(assessments).toMatchObject({ rows: 10, status: 'generated' });
    for (const table of [
      'gtm_touchpoints',
      'gtm_deals',
      'gtm_leads',
      'rituals',
      'ritual_posts',
      'follow_ups',
      'risks',
    ]) {
      const dataset = dataScale.generated.datasets.find((d) => d.table === table);
      expect(dataset?.status, table).toBe('generated');
      expect(dataset?.rows, table).toBeGreaterThan(0);
    }
    for (const name of ['GTM review post', 'monthly sync post', 'App Home (Home service']) {
      const measure = dataScale.measures.find((m) => m.name.startsWith(name) && !m.part);
      expect(measure?.status, name).toBe('measured');
      expect(measure?.coldMs, name).toBeGreaterThan(0);
    }
    expect(dataScale.measures.every((m) => m.status === 'measured')).toBe(true);
    // Each measure runs once cold, then QUICK.dataScaleWarmRuns times warm.
    const builds = 1 + QUICK.dataScaleWarmRuns;
    // Every run of the ritual job posted through the double; the GTM review carries all five providers' sections.
    expect(dataScale.slack.posts.find((p) => p.channelId === 'C0GTMREVIEW')).toMatchObject({
      messages: builds,
      sections: [
        'Feedback-loop assessment',
        'Follow-up actions',
        'Marketing Qualified Accounts (MQA)',
        'GTM KPIs',
        'Risks',
      ],
    });
    expect(dataScale.slack.posts.find((p) => p.channelId === 'C0SYNC')).toMatchObject({
      messages: builds,
      sections: ['Open follow-ups from the previous sync', 'Marketing Qualified Accounts (MQA)'],
    });
    expect(dataScale.slack.homePublishes).toBe(builds);
    expect(dataScale.slack.violations).toEqual([]);
    expect(dataScale.peakRssMb).toBeGreaterThan(0);
    // The same rows copied into a real PostgreSQL, the same views built there, reading as they do on SQLite.
    const pg = dataScale.postgres;
    expect(pg?.load.tables.gtm_touchpoints).toBe(
      dataScale.generated.datasets.find((d) => d.table === 'gtm_touchpoints')?.rows,
    );
    expect(pg?.measures.map((m) => [m.name, m.status])).toEqual(dataScale.measures.map((m) => [m.name, 'measured']));
    expect(pg?.slack.posts.find((p) => p.channelId === 'C0GTMREVIEW')?.sections).toHaveLength(5);
    expect(pg?.slack.violations).toEqual([]);
    expect(pg?.differsFromSqlite).toEqual([]);

    expect(delivery).toMatchObject({
      delivered: 8,
      lost: 0,
      duplicated: 0,
      failedPosts: 0,
      retriedEarly: 0,
      timedOut: false,
      floorMs: 1000,
    });
    // 4 messages per channel against a burst of 3: the double must have answered 429 at least once per channel.
    expect(delivery.rateLimited).toBeGreaterThanOrEqual(2);
    expect(delivery.rateLimitedSeenByClient).toBe(delivery.rateLimited);

    expect(startup.connectMs).toBeGreaterThan(0);
    expect(startup.idleRssMb).toBeGreaterThan(0);
    expect(startup.appErrors).toBe(0);
    expect(startup.bare.connectMs).toBeGreaterThan(0);
    expect(startup.bare.idleRssMb).toBeGreaterThan(0);

    expect(result.targets.map((t) => t.name)).toEqual(
      expect.arrayContaining([
        'command ack p99, ours / bare Bolt',
        'peak RSS building views',
        'delivery: none lost or duplicated',
        'ack p99 under mixed load, ours / bare Bolt',
        'event-loop delay p99 under mixed load',
      ]),
    );
    // The old fixed-millisecond ack targets are gone: acks are held to bare Bolt's cost in the same run.
    expect(result.targets.map((t) => t.name)).not.toContain('command ack p99');

    expect(mixedLoad.failures, mixedLoad.failureSamples.join('\n')).toBe(0);
    expect(mixedLoad.appErrors, mixedLoad.appErrorSamples.join('\n')).toBe(0);
    expect(mixedLoad.ack.loopkeeper.count).toBe(2 * QUICK.mixedLoad.count);
    expect(mixedLoad.ack.baseline.count).toBe(2 * QUICK.mixedLoad.count);
    expect(mixedLoad.gtmReviews.built).toBeGreaterThanOrEqual(1);
    expect(mixedLoad.gtmReviews.failed).toBe(0);
    expect(mixedLoad.mqaCardsDelivered).toBe(QUICK.mixedLoad.mqaCards);
    expect(mixedLoad.loopDelayMs.p99).toBeGreaterThan(0);
    // The bare app measured its own loop under the same clients, and the report shows it.
    expect(mixedLoad.baselineLoopDelayMs?.p99).toBeGreaterThan(0);
    expect(mixedLoad.violations).toBe(0);
    const report = formatReport(result);
    for (const heading of [
      '1. Interaction latency',
      '2. Data scale',
      '3. Delivery under rate limits',
      '4. Start-up',
      '5. Mixed load',
      'Targets',
    ]) {
      expect(report).toContain(heading);
    }
    expect(report).toContain('| event-loop delay, bare Bolt (no background work) |');
  }, 300_000);
});
