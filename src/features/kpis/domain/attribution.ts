import { DAY_MS } from './records.js';

export const HALF_LIFE_DAYS = 7;

/** y = 2^(-x/7): the weight of a touch x days (fractional allowed) before the conversion; nothing after it. */
export function timeDecayWeight(daysBefore: number, halfLifeDays = HALF_LIFE_DAYS): number {
  if (daysBefore < 0) return 0;
  return 2 ** (-daysBefore / halfLifeDays);
}

export interface Conversion {
  id: string;
  at: Date;
  touches: Array<{ channel: string; at: Date }>;
}

export interface ChannelCredit {
  channel: string;
  /** Sum over conversions of the channel's normalised weights (each attributed conversion hands out exactly 1). */
  credit: number;
  /** credit / total credit. */
  share: number;
}

export interface TimeDecayResult {
  conversions: number;
  /** Conversions with at least one touch at or before them. */
  attributed: number;
  channels: ChannelCredit[];
}

export const byCreditThenName =
  <T extends { credit: number }>(key: (t: T) => string) =>
  (a: T, b: T) =>
    b.credit - a.credit || key(a).localeCompare(key(b));

/** Time-decay attribution: per conversion, weights normalised to sum to 1, then summed per channel. */
export function timeDecayAttribution(conversions: Conversion[], halfLifeDays = HALF_LIFE_DAYS): TimeDecayResult {
  const credit = new Map<string, number>();
  let attributed = 0;
  for (const conversion of conversions) {
    const weighted = conversion.touches
      .map((t) => ({
        channel: t.channel,
        weight: timeDecayWeight((conversion.at.getTime() - t.at.getTime()) / DAY_MS, halfLifeDays),
      }))
      .filter((t) => t.weight > 0);
    const total = weighted.reduce((sum, t) => sum + t.weight, 0);
    if (total === 0) continue;
    attributed += 1;
    for (const t of weighted) credit.set(t.channel, (credit.get(t.channel) ?? 0) + t.weight / total);
  }
  const total = [...credit.values()].reduce((a, b) => a + b, 0);
  const channels = [...credit.entries()]
    .map(([channel, c]) => ({ channel, credit: c, share: total === 0 ? 0 : c / total }))
    .sort(byCreditThenName((c) => c.channel));
  return { conversions: conversions.length, attributed, channels };
}

export const UNKNOWN_SOURCE = 'unknown';

export interface SourceCredit {
  source: string;
  /** Deals credited (0.5 per half). */
  credit: number;
  /** Amount credited, per currency, in minor units. */
  amountMinor: Record<string, number>;
}

/**
 * GTM-level attribution: the Original Lead Source gets 50 %, the Converting Source 50 %; the same source on both
 * sides gets 100 %. A missing side hands its half to the other; a deal with neither is credited to "unknown".
 */
export function olsCsAttribution(
  deals: Array<{ ols: string | null; cs: string | null; amountMinor: number; currency: string }>,
): SourceCredit[] {
  const credits = new Map<string, SourceCredit>();
  const give = (source: string, share: number, amountMinor: number, currency: string) => {
    let c = credits.get(source);
    if (!c) {
      c = { source, credit: 0, amountMinor: {} };
      credits.set(source, c);
    }
    c.credit += share;
    c.amountMinor[currency] = (c.amountMinor[currency] ?? 0) + amountMinor * share;
  };
  for (const deal of deals) {
    const ols = deal.ols ?? deal.cs ?? UNKNOWN_SOURCE;
    const cs = deal.cs ?? ols;
    give(ols, 0.5, deal.amountMinor, deal.currency);
    give(cs, 0.5, deal.amountMinor, deal.currency);
  }
  return [...credits.values()].sort(byCreditThenName((c) => c.source));
}
