import { DAY_MS, type Period } from './records.js';

/**
 * The KPI rollups are kept per UTC day (src/features/kpis/rollups/). A period asked for is whole local days of some
 * time zone (the team's, or a ritual's), so its ends rarely fall on UTC midnight: the whole UTC days inside it are
 * read from the rollups and the two partial days at its ends (under a day each) from the rows themselves. That keeps
 * every figure exact for any time zone, DST change or odd offset, while a three-week digest reads a few hundred
 * rollup rows and the rows of under two days.
 */
export interface PeriodSplit {
  /** The whole UTC days inside the period, [first, end) as YYYY-MM-DD; undefined when there is none. */
  days?: { first: string; end: string };
  /** The parts of the period outside those days (zero, one or two, none empty), read from the rows. */
  edges: Period[];
}

/** The UTC day an instant falls on, YYYY-MM-DD: the same text as the first ten characters of a stored time. */
export const utcDay = (at: Date): string => at.toISOString().slice(0, 10);

const dayStart = (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS;

export function splitPeriod(period: Period): PeriodSplit {
  const from = period.from.getTime();
  const to = period.to.getTime();
  if (to <= from) return { edges: [] };
  const firstWhole = from === dayStart(from) ? from : dayStart(from) + DAY_MS;
  const endWhole = dayStart(to);
  if (firstWhole >= endWhole) return { edges: [{ from: period.from, to: period.to }] };
  const edges: Period[] = [];
  if (from < firstWhole) edges.push({ from: period.from, to: new Date(firstWhole) });
  if (endWhole < to) edges.push({ from: new Date(endWhole), to: period.to });
  return { days: { first: utcDay(new Date(firstWhole)), end: utcDay(new Date(endWhole)) }, edges };
}

/**
 * Days (YYYY-MM-DD) as the fewest [from, to) instant ranges of consecutive days, in order: what an import touched,
 * to recompute those days of the rollups with range conditions the indexes serve.
 */
export function dayRanges(days: Iterable<string>): Period[] {
  const sorted = [...new Set(days)].sort();
  const ranges: Period[] = [];
  for (const day of sorted) {
    const start = Date.parse(`${day}T00:00:00.000Z`);
    if (Number.isNaN(start)) throw new RangeError(`"${day}" is not a YYYY-MM-DD day`);
    const last = ranges.at(-1);
    if (last && last.to.getTime() === start) last.to = new Date(start + DAY_MS);
    else ranges.push({ from: new Date(start), to: new Date(start + DAY_MS) });
  }
  return ranges;
}
