/** Round durations as people type them: `5d`, `36h`, `2w`, `90m`. */

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

/** Rounds last from one hour to 30 days: shorter is a typo, longer is not a round. */
export const MIN_ROUND_MS = UNIT_MS.h;
export const MAX_ROUND_MS = 30 * UNIT_MS.d;
export const DEFAULT_ROUND_MS = 5 * UNIT_MS.d;

export type DurationParse = { ok: true; ms: number } | { ok: false; reason: 'format' | 'range' };

export function parseRoundDuration(text: string): DurationParse {
  const match = /^(\d{1,4})\s*(m|min|mins|h|hr|hrs|d|day|days|w|wk|wks|week|weeks)$/i.exec(text.trim());
  if (!match) return { ok: false, reason: 'format' };
  const unit = match[2]!.toLowerCase()[0] as keyof typeof UNIT_MS;
  const ms = Number(match[1]) * UNIT_MS[unit];
  if (ms < MIN_ROUND_MS || ms > MAX_ROUND_MS) return { ok: false, reason: 'range' };
  return { ok: true, ms };
}

/** `5d`, `36h`, `90m`: the shortest exact form, for messages. */
export function formatRoundDuration(ms: number): string {
  if (ms % UNIT_MS.d === 0) return `${ms / UNIT_MS.d}d`;
  if (ms % UNIT_MS.h === 0) return `${ms / UNIT_MS.h}h`;
  return `${Math.round(ms / UNIT_MS.m)}m`;
}
