import { sql } from 'kysely';
import { expect } from 'vitest';
import type { Db } from '../../src/db/open-database.js';
import {
  type Conversion,
  type DealRecord,
  dealMetrics,
  funnelMetrics,
  inPeriod,
  type LeadRecord,
  olsCsAttribution,
  type Period,
  type TouchpointRecord,
  timeDecayAttribution,
} from '../../src/features/kpis/domain/index.js';
import { createKpiQueries } from '../../src/features/kpis/queries.js';
import { ROLLUP_TABLES } from '../../src/features/kpis/rollups/maintain.js';

/** Floating-point sums in a different order differ in the last bits; everything else must be equal. */
export function expectClose(actual: unknown, expected: unknown, path = '$'): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    expect(Math.abs(actual - expected), `${path}: ${actual} vs ${expected}`).toBeLessThan(
      1e-6 * Math.max(1, Math.abs(expected)),
    );
  } else if (expected && typeof expected === 'object') {
    expect(actual && typeof actual === 'object', path).toBe(true);
    expect(Object.keys(actual as object).sort(), path).toEqual(Object.keys(expected).sort());
    for (const [k, v] of Object.entries(expected))
      expectClose((actual as Record<string, unknown>)[k], v, `${path}.${k}`);
  } else expect(actual, path).toEqual(expected);
}

/** The pure functions' view of the rows: conversions are leads that became MQL in the period, with their touches. */
export function conversionsIn(leads: LeadRecord[], touches: TouchpointRecord[], period: Period): Conversion[] {
  const byLead = new Map<string, TouchpointRecord[]>();
  const byAccount = new Map<string, TouchpointRecord[]>();
  for (const t of touches) {
    const [map, key] = t.leadId ? [byLead, t.leadId] : [byAccount, t.account!];
    map.set(key, [...(map.get(key) ?? []), t]);
  }
  return leads
    .filter((l) => inPeriod(l.stages.mql, period))
    .map((l) => ({
      id: l.id,
      at: l.stages.mql!,
      touches: [...(byLead.get(l.id) ?? []), ...(byAccount.get(l.account) ?? [])],
    }));
}

/**
 * The figures the rollups serve (funnel, deals, OLS/CS, time decay when touches are given), from the database and
 * from the pure functions.
 */
export async function expectRollupFiguresMatch(
  db: Db,
  teamId: string,
  data: { leads: LeadRecord[]; deals: DealRecord[]; touches?: TouchpointRecord[] },
  period: Period,
): Promise<void> {
  const queries = createKpiQueries(db);
  const label = `${period.from.toISOString()} – ${period.to.toISOString()}`;
  if (data.touches)
    expectClose(
      await queries.timeDecay(teamId, period),
      timeDecayAttribution(conversionsIn(data.leads, data.touches, period)),
      `${label} time decay`,
    );
  expectClose(await queries.funnel(teamId, period), funnelMetrics(data.leads, period), `${label} funnel`);
  expectClose(await queries.deals(teamId, period), dealMetrics(data.deals, period), `${label} deals`);
  const won = data.deals.filter((d) => d.outcome === 'won' && inPeriod(d.closedAt, period));
  const pipeline = data.deals.filter((d) => inPeriod(d.createdAt, period));
  expectClose(await queries.olsCs(teamId, period, 'won'), olsCsAttribution(won), `${label} olsCs won`);
  expectClose(await queries.olsCs(teamId, period, 'pipeline'), olsCsAttribution(pipeline), `${label} olsCs pipeline`);
}

/** Every rollup row of the team, per table, in key order (numbers as numbers on both dialects). */
export async function rollupRows(db: Db, teamId: string): Promise<Record<string, unknown[]>> {
  const result: Record<string, unknown[]> = {};
  for (const table of ROLLUP_TABLES) {
    const { rows } = await sql<
      Record<string, unknown>
    >`select * from ${sql.table(table)} where team_id = ${teamId}`.execute(db);
    result[table] = rows
      .map((r) =>
        Object.fromEntries(
          // Credit is a floating-point sum whose last bits depend on the order rows were added in.
          Object.entries(r).map(([k, v]) => [
            k,
            k === 'credit'
              ? Number(Number(v).toPrecision(12))
              : Number.isFinite(v) || typeof v === 'bigint'
                ? Number(v)
                : v,
          ]),
        ),
      )
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  }
  return result;
}
