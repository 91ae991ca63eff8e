/** A risk in the register and one entry of its history. */

export interface RiskFields {
  category: string;
  title: string;
  description: string;
  likelihood: number;
  impact: number;
  score: number;
  mitigation: string;
  kpis: string;
  ownerId: string;
  reviewDate: string;
}

export interface StoredRisk extends RiskFields {
  id: number;
  teamId: string;
  status: 'open' | 'closed';
  resolution: string | null;
  closedBy: string | null;
  closedAt: Date | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export type RiskEventType = 'created' | 'edited' | 'rescored' | 'closed';

export interface StoredRiskEvent {
  id: number;
  riskId: number;
  type: RiskEventType;
  actor: string;
  at: Date;
  likelihood: number;
  impact: number;
  score: number;
  /** Edited fields: [before, after]. */
  changes: Record<string, [unknown, unknown]>;
  note: string | null;
}
