import type { Period, SpendRecord } from './records.js';

function monthBounds(month: string): { start: number; end: number } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return { start: Date.UTC(y, m - 1, 1), end: Date.UTC(y, m, 1) };
}

/** Spend falling in the period, per currency: a month's spend is spread evenly over its days (UTC). */
export function spendInPeriod(spend: SpendRecord[], period: Period): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const row of spend) {
    const { start, end } = monthBounds(row.month);
    const overlap = Math.min(end, period.to.getTime()) - Math.max(start, period.from.getTime());
    if (overlap <= 0) continue;
    totals[row.currency] = (totals[row.currency] ?? 0) + (row.amountMinor * overlap) / (end - start);
  }
  return totals;
}

export interface CacPayback {
  currency: string;
  /** Spend in the period / customers won in the period. */
  cacMinor: number;
  /** Average monthly revenue per account: a deal amount is an annual contract value, so won amount / 12 / won deals. */
  arpaMinor: number;
  /** CAC / ARPA. */
  months: number;
}

/** CAC payback in months; null when there is no spend or no won deal in the spend's currency. */
export function cacPayback(input: {
  currency: string;
  spendMinor: number;
  wonCount: number;
  wonAmountMinor: number;
}): CacPayback | null {
  if (input.spendMinor <= 0 || input.wonCount === 0 || input.wonAmountMinor <= 0) return null;
  const cacMinor = input.spendMinor / input.wonCount;
  const arpaMinor = input.wonAmountMinor / 12 / input.wonCount;
  return { currency: input.currency, cacMinor, arpaMinor, months: cacMinor / arpaMinor };
}
