/** GTM records imported from the CRM. Times are ISO-8601 UTC strings; amounts in minor units. */
export interface GtmLeadsTable {
  team_id: string;
  id: string;
  account: string;
  source: string | null;
  subscriber_at: string | null;
  lead_at: string | null;
  engaged_lead_at: string | null;
  mql_at: string | null;
  sql_at: string | null;
  updated_at: string;
}

export interface GtmTouchpointsTable {
  team_id: string;
  id: string;
  lead_id: string | null;
  account: string | null;
  channel: string;
  at: string;
  updated_at: string;
}

export interface GtmDealsTable {
  team_id: string;
  id: string;
  account: string;
  amount_minor: number;
  currency: string;
  created_at: string;
  closed_at: string | null;
  outcome: string;
  ols: string | null;
  ols_at: string | null;
  cs: string | null;
  cs_at: string | null;
  updated_at: string;
}

export interface GtmSpendTable {
  team_id: string;
  month: string;
  channel: string;
  amount_minor: number;
  currency: string;
  updated_at: string;
}
