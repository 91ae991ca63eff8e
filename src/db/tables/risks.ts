import type { Generated } from 'kysely';

export interface RisksTable {
  id: Generated<number>;
  team_id: string;
  category: string;
  title: string;
  description: string;
  likelihood: number;
  impact: number;
  score: number;
  mitigation: string;
  kpis: string;
  owner_id: string;
  review_date: string;
  status: Generated<string>;
  resolution: string | null;
  closed_by: string | null;
  closed_at: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  source_view_id: string | null;
}

export interface RiskEventsTable {
  id: Generated<number>;
  risk_id: number;
  team_id: string;
  type: string;
  actor: string;
  at: string;
  likelihood: number;
  impact: number;
  score: number;
  changes: string | null;
  note: string | null;
  source_view_id: string | null;
}

export interface RiskReviewRemindersTable {
  id: Generated<number>;
  team_id: string;
  risk_id: number;
  review_date: string;
  status: Generated<string>;
  attempts: Generated<number>;
  next_attempt_at: string;
  lease_until: string | null;
  last_error: string | null;
  sent_at: string | null;
  created_at: string;
}

export interface HomeViewersTable {
  team_id: string;
  user_id: string;
  last_opened_at: string;
}
