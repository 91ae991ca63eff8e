/**
 * The team's results in one order, whatever their kind: a single assessment or a closed round. History and the
 * single summary both ask "what came before this?" through here, so they never disagree.
 */

export type ResultKind = 'assessment' | 'round';

/** Where a result sits in the team's timeline: a single assessment at its submission, a round at its close. */
export interface ResultRef {
  readonly kind: ResultKind;
  readonly id: number;
  readonly at: Date;
}

/**
 * Oldest first by time. At the same instant, results of one kind keep their id order and a single assessment
 * comes before a round (a round closing at that instant was already collecting answers).
 */
export function compareResultOrder(a: ResultRef, b: ResultRef): number {
  const byTime = a.at.getTime() - b.at.getTime();
  if (byTime !== 0) return byTime;
  if (a.kind === b.kind) return a.id - b.id;
  return a.kind === 'assessment' ? -1 : 1;
}

/** The latest of `candidates` strictly before `ref` in result order (never `ref` itself), if any. */
export function latestBefore<T extends ResultRef>(candidates: readonly T[], ref: ResultRef): T | undefined {
  let latest: T | undefined;
  for (const candidate of candidates) {
    if (compareResultOrder(candidate, ref) >= 0) continue;
    if (!latest || compareResultOrder(candidate, latest) > 0) latest = candidate;
  }
  return latest;
}

/** How a result is named to people: "Assessment #5", "Round #2". */
export const resultName = (ref: Pick<ResultRef, 'kind' | 'id'>): string =>
  `${ref.kind === 'round' ? 'Round' : 'Assessment'} #${ref.id}`;
