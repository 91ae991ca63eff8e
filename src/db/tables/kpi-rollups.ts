/**
 * Daily KPI rollups, derived from the GTM tables (gtm-data.ts) and kept current by every write to them
 * (src/features/kpis/rollups/). `day` is a UTC day, YYYY-MM-DD. Counts and amounts are sums of integers, so they are
 * exact; amounts in minor units.
 */
export interface GtmKpiLeadDaysTable {
  team_id: string;
  day: string;
  /** A lead stage key (subscriber, lead, engaged_lead, mql, sql). */
  stage: string;
  /** Leads that entered the stage that day. */
  entered: number;
}

export interface GtmKpiDealDaysTable {
  team_id: string;
  day: string;
  currency: string;
  /** Deals created that day, and their amount. */
  pipeline_count: number;
  pipeline_amount_minor: number;
  /** Deals won that day, their amount and their summed time from created to closed (milliseconds). */
  won_count: number;
  won_amount_minor: number;
  won_cycle_ms: number;
  lost_count: number;
}

export interface GtmKpiSourceDaysTable {
  team_id: string;
  day: string;
  /** 'won' (deals won that day) or 'pipeline' (deals created that day). */
  kind: string;
  source: string;
  currency: string;
  /** Halves of OLS/CS credit the source got (each deal hands out two); the credit is halves / 2. */
  halves: number;
  /** The deals' amounts summed over those halves; the amount credited is half of it. */
  amount_minor: number;
}

export interface GtmKpiChannelDaysTable {
  team_id: string;
  /** The day leads became MQL (the conversions). */
  day: string;
  channel: string;
  /** Time-decay credit of that day's conversions to the channel (each conversion's weights sum to 1). */
  credit: number;
  /** Conversions with a touch, each counted once: on the first of its channels by name. */
  attributed: number;
}
