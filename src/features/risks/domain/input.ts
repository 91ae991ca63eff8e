import { formatDay } from '../../../domain/time/local-day.js';
import { isRiskCategory, type RiskCategory } from './categories.js';
import { isRating } from './scoring.js';

/** What the risk form sends, as typed (strings, possibly empty). */
export interface RawRiskInput {
  category: string | null;
  title: string | null;
  description: string | null;
  likelihood: string | null;
  impact: string | null;
  mitigation: string | null;
  kpis: string | null;
  ownerId: string | null;
  reviewDate: string | null;
}

export interface RiskInput {
  category: RiskCategory;
  title: string;
  description: string;
  likelihood: number;
  impact: number;
  mitigation: string;
  kpis: string;
  ownerId: string;
  /** YYYY-MM-DD, a day in the team's time zone. */
  reviewDate: string;
}

export type RiskField = keyof RawRiskInput;

export const RISK_TEXT_LIMITS = { title: 150, description: 2000, mitigation: 2000, kpis: 1000 } as const;

export type ValidationResult<T, F extends string> =
  | { ok: true; value: T }
  | { ok: false; errors: Partial<Record<F, string>> };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar day written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const at = new Date(Date.UTC(year, month - 1, day));
  return at.getUTCFullYear() === year && at.getUTCMonth() === month - 1 && at.getUTCDate() === day;
}

/** A 1-5 rating typed as text; null when it isn't one. */
export function parseRating(raw: string | null): number | null {
  const text = raw?.trim() ?? '';
  if (!/^-?\d+(\.\d+)?$/.test(text)) return null;
  const value = Number(text);
  return isRating(value) ? value : null;
}

function ratingError(name: string, raw: string | null): string | undefined {
  if (!raw?.trim())
    return `Enter the ${name}, a whole number from 1 (${name === 'likelihood' ? 'rare' : 'minor'}) to 5 (${name === 'likelihood' ? 'almost certain' : 'severe'}).`;
  return parseRating(raw) === null ? `The ${name} must be a whole number from 1 to 5, not "${raw.trim()}".` : undefined;
}

/**
 * Checks the whole form at once so every problem is shown next to its field. `today` is the team's local date;
 * a new review date must not be in the past, but an unchanged one (`currentReviewDate`, when editing) may be.
 */
export function validateRiskInput(
  raw: RawRiskInput,
  options: { today: string; currentReviewDate?: string },
): ValidationResult<RiskInput, RiskField> {
  const errors: Partial<Record<RiskField, string>> = {};
  const text = (value: string | null) => value?.trim() ?? '';
  const title = text(raw.title);
  const description = text(raw.description);
  const mitigation = text(raw.mitigation);
  const kpis = text(raw.kpis);
  const reviewDate = text(raw.reviewDate);

  if (!raw.category || !isRiskCategory(raw.category)) errors.category = 'Pick a category.';
  if (!title) errors.title = 'Give the risk a short title.';
  else if (title.length > RISK_TEXT_LIMITS.title)
    errors.title = `Keep the title to ${RISK_TEXT_LIMITS.title} characters (it has ${title.length}).`;
  for (const field of ['description', 'mitigation', 'kpis'] as const) {
    const value = text(raw[field]);
    if (value.length > RISK_TEXT_LIMITS[field])
      errors[field] = `Keep this to ${RISK_TEXT_LIMITS[field]} characters (it has ${value.length}).`;
  }
  const likelihoodError = ratingError('likelihood', raw.likelihood);
  if (likelihoodError) errors.likelihood = likelihoodError;
  const impactError = ratingError('impact', raw.impact);
  if (impactError) errors.impact = impactError;
  if (!raw.ownerId) errors.ownerId = 'Pick the owner who reviews this risk.';
  if (!reviewDate) errors.reviewDate = 'Pick the next review date.';
  else if (!isIsoDate(reviewDate)) errors.reviewDate = 'Pick a date from the calendar.';
  else if (reviewDate < options.today && reviewDate !== options.currentReviewDate) {
    errors.reviewDate = `The next review can't be in the past; pick ${formatDay(options.today)} or later.`;
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      category: raw.category as RiskCategory,
      title,
      description,
      likelihood: parseRating(raw.likelihood) as number,
      impact: parseRating(raw.impact) as number,
      mitigation,
      kpis,
      ownerId: raw.ownerId as string,
      reviewDate,
    },
  };
}

export type RescoreField = 'likelihood' | 'impact' | 'note';

/** Re-scoring: both ratings again and an optional note on why. */
export function validateRescore(raw: {
  likelihood: string | null;
  impact: string | null;
  note: string | null;
}): ValidationResult<{ likelihood: number; impact: number; note: string }, RescoreField> {
  const errors: Partial<Record<RescoreField, string>> = {};
  const likelihoodError = ratingError('likelihood', raw.likelihood);
  if (likelihoodError) errors.likelihood = likelihoodError;
  const impactError = ratingError('impact', raw.impact);
  if (impactError) errors.impact = impactError;
  const note = raw.note?.trim() ?? '';
  if (note.length > 1000) errors.note = `Keep the note to 1000 characters (it has ${note.length}).`;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: { likelihood: parseRating(raw.likelihood) as number, impact: parseRating(raw.impact) as number, note },
  };
}

/** Closing needs a resolution note: what happened to the risk. */
export function validateResolution(raw: string | null): ValidationResult<string, 'resolution'> {
  const note = raw?.trim() ?? '';
  if (!note)
    return { ok: false, errors: { resolution: 'Say how the risk was resolved (or why it no longer applies).' } };
  if (note.length > 2000)
    return { ok: false, errors: { resolution: `Keep the note to 2000 characters (it has ${note.length}).` } };
  return { ok: true, value: note };
}
