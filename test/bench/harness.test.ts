import { describe, expect, it } from 'vitest';
import { QUICK, runBenchmarks } from '../../bench/harness.js';
import { formatReport } from '../../bench/report.js';

// Proves `npm run bench` works end to end on a tiny load. No timing assertions: performance targets live in the
// benchmark's own output, never in tests.
describe('benchmark harness (tiny load)', () => {
  it('runs all four measurements against the double and produces a well-formed result', async () => {
    const result = await runBenchmarks(QUICK);
    const { interaction, dataScale, delivery, startup } = result;

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
    const home = dataScale.measures.find((m) => m.name === 'App Home view');
    expect(home?.status).toBe('measured');
    expect(home?.coldMs).toBeGreaterThan(0);
    expect(dataScale.peakRssMb).toBeGreaterThan(0);

    expect(delivery).toMatchObject({ delivered: 8, lost: 0, duplicated: 0, failedPosts: 0, retriedEarly: 0, timedOut: false, floorMs: 1000 });
    // 4 messages per channel against a burst of 3: the double must have answered 429 at least once per channel.
    expect(delivery.rateLimited).toBeGreaterThanOrEqual(2);
    expect(delivery.rateLimitedSeenByClient).toBe(delivery.rateLimited);

    expect(startup.connectMs).toBeGreaterThan(0);
    expect(startup.idleRssMb).toBeGreaterThan(0);
    expect(startup.appErrors).toBe(0);

    expect(result.targets.map((t) => t.name)).toEqual(expect.arrayContaining(['command ack p99', 'peak RSS building views', 'delivery: none lost or duplicated']));
    const report = formatReport(result);
    for (const heading of ['1. Interaction latency', '2. Data scale', '3. Delivery under rate limits', '4. Start-up', 'Targets']) {
      expect(report).toContain(heading);
    }
  }, 90_000);
});
