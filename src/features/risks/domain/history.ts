/** One point of a risk's score history (every create, re-score and edit that touched the ratings). */
export interface ScorePoint {
  at: Date;
  score: number;
}

/** The score in force at `at`: the last point at or before it; undefined if the risk didn't exist yet. */
export function scoreAt(points: ScorePoint[], at: Date): number | undefined {
  let current: number | undefined;
  for (const point of [...points].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    if (point.at.getTime() > at.getTime()) break;
    current = point.score;
  }
  return current;
}

/** How much the score rose since `from` (positive), or undefined when it didn't rise or the risk is newer. */
export function scoreRiseSince(points: ScorePoint[], from: Date, now: Date): { from: number; to: number } | undefined {
  const before = scoreAt(points, from);
  const after = scoreAt(points, now);
  if (before === undefined || after === undefined || after <= before) return undefined;
  return { from: before, to: after };
}

/** Highest score first; ties: the sooner review date, then the older risk. */
export function byScoreDescending<T extends { score: number; reviewDate: string; id: number }>(a: T, b: T): number {
  return b.score - a.score || a.reviewDate.localeCompare(b.reviewDate) || a.id - b.id;
}

/** A compact text trend for the score over time, e.g. "6 → 12 → 9". Keeps the last `max` points. */
export function scoreTrend(points: ScorePoint[], max = 12): string {
  const scores = [...points].sort((a, b) => a.at.getTime() - b.at.getTime()).map((p) => p.score);
  const deduped = scores.filter((s, i) => i === 0 || s !== scores[i - 1]);
  const shown = deduped.slice(-max);
  return `${deduped.length > shown.length ? '… → ' : ''}${shown.join(' → ')}`;
}

/** What History needs of one stored event: the ratings in force after it and the edited fields' [before, after]. */
export interface RiskEventSnapshot {
  type: 'created' | 'edited' | 'rescored' | 'closed';
  likelihood: number;
  impact: number;
  score: number;
  changes: Record<string, [unknown, unknown]>;
}

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** The order fields are listed in, as the form asks for them; anything else (older rows) comes last. */
const FIELD_ORDER = [
  'category',
  'title',
  'description',
  'likelihood',
  'impact',
  'score',
  'mitigation',
  'kpis',
  'ownerId',
  'reviewDate',
];
const rank = (field: string) => {
  const i = FIELD_ORDER.indexOf(field);
  return i === -1 ? FIELD_ORDER.length : i;
};

/**
 * Each event's changed fields with before and after. Edits store theirs; the score they changed follows from the
 * event before (every event records the ratings in force after it), and so do a re-score's likelihood and impact.
 */
export function eventChanges(events: RiskEventSnapshot[]): FieldChange[][] {
  return events.map((event, i) => {
    if (event.type !== 'edited' && event.type !== 'rescored') return [];
    const previous = i > 0 ? events[i - 1] : undefined;
    const changes = new Map<string, FieldChange>();
    for (const [field, [before, after]] of Object.entries(event.changes)) changes.set(field, { field, before, after });
    if (previous) {
      for (const field of ['likelihood', 'impact', 'score'] as const) {
        if (previous[field] !== event[field])
          changes.set(field, { field, before: previous[field], after: event[field] });
      }
    }
    return [...changes.values()].filter((c) => c.before !== c.after).sort((a, b) => rank(a.field) - rank(b.field));
  });
}
