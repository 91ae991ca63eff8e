/** The GTM record kinds Loopkeeper takes in from the CRM, as plain values (no database, no Slack). */

/** The lead-based (MQL) funnel, in order. MQAs are another model and are never counted here. */
export const LEAD_STAGES = ['subscriber', 'lead', 'engaged_lead', 'mql', 'sql'] as const;
export type LeadStage = (typeof LEAD_STAGES)[number];

export const STAGE_LABEL: Record<LeadStage, string> = {
  subscriber: 'Subscriber',
  lead: 'Lead',
  engaged_lead: 'Engaged Lead',
  mql: 'MQL',
  sql: 'SQL',
};

export interface LeadRecord {
  id: string;
  /** Account name or domain, lower-cased; account-level touchpoints reach the lead through it. */
  account: string;
  source: string | null;
  /** When the lead entered each stage; a stage it skipped is absent. */
  stages: Partial<Record<LeadStage, Date>>;
}

export interface TouchpointRecord {
  id: string;
  /** A touch on one lead, or (leadId null) on the whole account. */
  leadId: string | null;
  account: string | null;
  channel: string;
  at: Date;
}

export const DEAL_OUTCOMES = ['open', 'won', 'lost'] as const;
export type DealOutcome = (typeof DEAL_OUTCOMES)[number];

export interface DealRecord {
  id: string;
  account: string;
  /** In minor units (cents), so sums are exact. */
  amountMinor: number;
  currency: string;
  createdAt: Date;
  closedAt: Date | null;
  outcome: DealOutcome;
  /** Original Lead Source and its date. */
  ols: string | null;
  olsAt: Date | null;
  /** Converting Source and its date. */
  cs: string | null;
  csAt: Date | null;
}

export interface SpendRecord {
  /** YYYY-MM (UTC calendar month). */
  month: string;
  channel: string;
  amountMinor: number;
  currency: string;
}

/** A review period: `from` inclusive, `to` exclusive. */
export interface Period {
  from: Date;
  to: Date;
}

export const DAY_MS = 86_400_000;

export const inPeriod = (at: Date | null | undefined, period: Period): at is Date =>
  at != null && at.getTime() >= period.from.getTime() && at.getTime() < period.to.getTime();
