import type SQLite from 'better-sqlite3';
import type { DealRecord, LeadRecord, SpendRecord, TouchpointRecord } from '../../src/features/kpis/domain/index.js';
import type { Random } from '../data-scale/random.js';

/**
 * Seeded synthetic GTM data: leads moving through the MQL funnel with touchpoints around their journey,
 * deals with OLS/CS, and monthly spend, over three years ending 2026-11-23. Records are yielded one at a time so a
 * million touchpoints never sit in memory; the KPI db test collects a modest amount, the benchmark streams them.
 */
const DAY_MS = 86_400_000;
const END = Date.UTC(2026, 10, 23);
const START = END - 3 * 365 * DAY_MS;
export const GTM_CHANNELS = [
  'webinar',
  'paid_search',
  'organic',
  'email',
  'event',
  'partner',
  'content',
  'social',
] as const;
export const GTM_SOURCES = [
  'webinar',
  'paid_search',
  'organic',
  'event',
  'partner',
  'sales_outreach',
  'direct_request',
] as const;

export interface GtmVolumes {
  leads: number;
  touchpoints: number;
  deals: number;
}

const accountOf = (i: number, leads: number) => `acct-${i % Math.max(1, Math.floor(leads / 2))}.example`;

/** Each lead with its touchpoints (about touchpoints/leads each; 15 % on the account rather than the lead). */
export function* gtmLeadsWithTouches(
  volumes: GtmVolumes,
  random: Random,
): Generator<{ lead: LeadRecord; touches: TouchpointRecord[] }> {
  let touchId = 0;
  for (let i = 0; i < volumes.leads; i += 1) {
    const account = accountOf(i, volumes.leads);
    let at = START + Math.floor((i / volumes.leads) * (END - START - 60 * DAY_MS)) + random.int(0, DAY_MS);
    const stages: LeadRecord['stages'] = {};
    const step = () => (at += random.int(1, 20 * 24) * 3_600_000 + random.int(0, 3_599_999));
    if (random.chance(0.6)) stages.subscriber = new Date(at);
    if (stages.subscriber) step();
    stages.lead = new Date(at);
    if (random.chance(0.7)) stages.engaged_lead = new Date(step());
    if (random.chance(0.35)) {
      stages.mql = new Date(step());
      if (random.chance(0.45)) stages.sql = new Date(step());
    }
    const first = (stages.subscriber ?? stages.lead)!.getTime();
    const last = (stages.mql?.getTime() ?? at) + 10 * DAY_MS;
    // Spread the remainder so the total is exact.
    const count =
      Math.floor(((i + 1) * volumes.touchpoints) / volumes.leads) -
      Math.floor((i * volumes.touchpoints) / volumes.leads);
    const touches: TouchpointRecord[] = [];
    for (let k = 0; k < count; k += 1) {
      const onAccount = random.chance(0.15);
      touches.push({
        id: `T${touchId++}`,
        leadId: onAccount ? null : `L${i}`,
        account: onAccount ? account : null,
        channel: random.pick(GTM_CHANNELS),
        at: new Date(first + Math.floor(random.next() * (last - first))),
      });
    }
    yield { lead: { id: `L${i}`, account, source: random.pick(GTM_SOURCES), stages }, touches };
  }
}

export function* gtmDeals(volumes: GtmVolumes, random: Random): Generator<DealRecord> {
  for (let i = 0; i < volumes.deals; i += 1) {
    const created = START + Math.floor((i / volumes.deals) * (END - START)) + random.int(0, DAY_MS);
    const roll = random.next();
    const outcome = roll < 0.3 ? 'won' : roll < 0.7 ? 'lost' : 'open';
    const closed = outcome === 'open' ? null : new Date(created + random.int(5, 120) * DAY_MS + random.int(0, DAY_MS));
    const ols = random.pick(GTM_SOURCES);
    const cs = random.chance(0.3) ? ols : random.pick(GTM_SOURCES);
    yield {
      id: `D${i}`,
      account: accountOf(i * 7, volumes.leads),
      amountMinor: random.int(20, 2000) * 100_00 + random.int(0, 99),
      currency: random.chance(0.9) ? 'EUR' : 'USD',
      createdAt: new Date(created),
      closedAt: closed && closed.getTime() < END ? closed : outcome === 'open' ? null : new Date(created + DAY_MS),
      outcome,
      ols: random.chance(0.05) ? null : ols,
      olsAt: new Date(created - random.int(1, 60) * DAY_MS),
      cs: random.chance(0.05) ? null : cs,
      csAt: new Date(created),
    };
  }
}

export function* gtmSpend(random: Random): Generator<SpendRecord> {
  for (let m = 0; m < 37; m += 1) {
    const month = new Date(Date.UTC(2023, 10 + m, 1)).toISOString().slice(0, 7);
    for (const channel of ['paid_search', 'event', 'social', 'content'])
      yield { month, channel, amountMinor: random.int(1000, 20_000) * 100, currency: 'EUR' };
  }
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** Writes the volumes for one team with prepared statements in one transaction (the benchmark's way to fill fast). */
export function fillGtmData(db: SQLite.Database, teamId: string, volumes: GtmVolumes, random: Random): void {
  const now = new Date(END).toISOString();
  const lead = db.prepare(
    `insert into gtm_leads (team_id, id, account, source, subscriber_at, lead_at, engaged_lead_at, mql_at, sql_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const touch = db.prepare(
    `insert into gtm_touchpoints (team_id, id, lead_id, account, channel, at, updated_at) values (?, ?, ?, ?, ?, ?, ?)`,
  );
  const deal = db.prepare(
    `insert into gtm_deals (team_id, id, account, amount_minor, currency, created_at, closed_at, outcome, ols, ols_at, cs, cs_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const spend = db.prepare(
    `insert into gtm_spend (team_id, month, channel, amount_minor, currency, updated_at) values (?, ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    for (const { lead: l, touches } of gtmLeadsWithTouches(volumes, random)) {
      const s = l.stages;
      lead.run(
        teamId,
        l.id,
        l.account,
        l.source,
        iso(s.subscriber),
        iso(s.lead),
        iso(s.engaged_lead),
        iso(s.mql),
        iso(s.sql),
        now,
      );
      for (const t of touches) touch.run(teamId, t.id, t.leadId, t.account, t.channel, t.at.toISOString(), now);
    }
    for (const d of gtmDeals(volumes, random)) {
      deal.run(
        teamId,
        d.id,
        d.account,
        d.amountMinor,
        d.currency,
        iso(d.createdAt),
        iso(d.closedAt),
        d.outcome,
        d.ols,
        iso(d.olsAt),
        d.cs,
        iso(d.csAt),
        now,
      );
    }
    for (const s of gtmSpend(random)) spend.run(teamId, s.month, s.channel, s.amountMinor, s.currency, now);
  })();
}
