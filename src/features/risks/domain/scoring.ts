/** Risk score = likelihood x impact, both integers 1-5; severity bands on the score. */
export type Severity = 'low' | 'medium' | 'high' | 'critical';

export const SEVERITY_LABELS: Record<Severity, string> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  critical: 'Critical',
};

export const SEVERITY_EMOJI: Record<Severity, string> = {
  low: ':large_green_circle:',
  medium: ':large_yellow_circle:',
  high: ':large_orange_circle:',
  critical: ':red_circle:',
};

export const isRating = (value: number): boolean => Number.isInteger(value) && value >= 1 && value <= 5;

export class RiskRatingError extends Error {}

export function riskScore(likelihood: number, impact: number): number {
  if (!isRating(likelihood) || !isRating(impact)) {
    throw new RiskRatingError(
      `Likelihood and impact must be whole numbers from 1 to 5 (got ${likelihood} and ${impact}).`,
    );
  }
  return likelihood * impact;
}

/**
 * Bands: 1-4 low, 5-9 medium, 10-16 high, 20-25 critical. No product of two ratings lies in 17-19, so
 * "above 16" is critical.
 */
export function severityOf(score: number): Severity {
  if (score <= 4) return 'low';
  if (score <= 9) return 'medium';
  if (score <= 16) return 'high';
  return 'critical';
}
