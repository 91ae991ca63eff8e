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
