/**
 * Validation of assessment input. Invalid input throws `AssessmentInputError` listing every
 * problem found (not only the first), so a caller can map issues to modal fields.
 */

import type { DimensionKey, RedFlag, Score } from './rubric.js';
import { DIMENSION_KEYS, isDimensionKey, isScore, RED_FLAGS, redFlag } from './rubric.js';

export interface InputIssue {
  /** Where the problem is, e.g. `scores.activation`, `redFlags[2]`, `responses[1].scores.pqls`. */
  readonly path: string;
  readonly message: string;
}

export class AssessmentInputError extends Error {
  override readonly name = 'AssessmentInputError';
  readonly issues: readonly InputIssue[];

  constructor(issues: readonly InputIssue[]) {
    super(`Invalid assessment input: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    this.issues = issues;
  }
}

/** Checks that all five dimensions have an integer score 1..5 and nothing else is present. */
export function checkScores(scores: unknown, path: string, issues: InputIssue[]): Record<DimensionKey, Score> {
  const result = {} as Record<DimensionKey, Score>;
  if (typeof scores !== 'object' || scores === null) {
    issues.push({ path, message: 'scores must be an object keyed by dimension' });
    return result;
  }
  const record = scores as Record<string, unknown>;
  for (const key of DIMENSION_KEYS) {
    const value = record[key];
    if (isScore(value)) result[key] = value;
    else issues.push({ path: `${path}.${key}`, message: `must be an integer 1..5, got ${String(value)}` });
  }
  for (const key of Object.keys(record)) {
    if (!isDimensionKey(key)) issues.push({ path: `${path}.${key}`, message: 'unknown dimension' });
  }
  return result;
}

/** Resolves red flag keys; duplicates collapse; the result is in rubric order. */
export function checkFlagKeys(keys: unknown, path: string, issues: InputIssue[]): RedFlag[] {
  if (!Array.isArray(keys)) {
    issues.push({ path, message: 'red flags must be an array of keys' });
    return [];
  }
  const wanted = new Set<string>();
  keys.forEach((key: unknown, i) => {
    if (typeof key === 'string' && redFlag(key)) wanted.add(key);
    else issues.push({ path: `${path}[${i}]`, message: `unknown red flag ${String(key)}` });
  });
  return RED_FLAGS.filter((f) => wanted.has(f.key));
}

export function throwIfIssues(issues: readonly InputIssue[]): void {
  if (issues.length > 0) throw new AssessmentInputError(issues);
}

/** The longest note a person may write on one dimension; the modal says so and enforces it. */
export const NOTE_MAX_CHARS = 500;

/** Characters as people count them (an emoji is one), so a note Slack's input accepted is never refused here. */
export const noteLength = (note: string): number => [...note].length;
