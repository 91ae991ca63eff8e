import { DAY_MS, type DealRecord, inPeriod, type Period } from './records.js';
import { ratio } from './stats.js';

/** Amounts never mix currencies: each currency has its own figures. */
export interface CurrencyFigures {
  currency: string;
  pipelineCount: number;
  pipelineAmountMinor: number;
  wonCount: number;
  wonAmountMinor: number;
  /** Won amount / won deals in this currency; null without won deals. */
  averageDealSizeMinor: number | null;
}

export interface DealMetrics {
  /** Deals created in the period (pipeline created), any outcome. */
  pipelineCreated: number;
  won: number;
  lost: number;
  /** won / (won + lost) closed in the period; null when nothing closed. */
  winRate: number | null;
  /** Mean days from created to closed of the deals won in the period; null without won deals. */
  salesCycleDays: number | null;
  byCurrency: CurrencyFigures[];
}

export function dealMetrics(deals: DealRecord[], period: Period): DealMetrics {
  const currencies = new Map<string, CurrencyFigures>();
  const figures = (currency: string) => {
    let f = currencies.get(currency);
    if (!f) {
      f = {
        currency,
        pipelineCount: 0,
        pipelineAmountMinor: 0,
        wonCount: 0,
        wonAmountMinor: 0,
        averageDealSizeMinor: null,
      };
      currencies.set(currency, f);
    }
    return f;
  };
  let pipelineCreated = 0;
  let won = 0;
  let lost = 0;
  let cycleDays = 0;
  for (const deal of deals) {
    if (inPeriod(deal.createdAt, period)) {
      pipelineCreated += 1;
      const f = figures(deal.currency);
      f.pipelineCount += 1;
      f.pipelineAmountMinor += deal.amountMinor;
    }
    if (deal.outcome !== 'open' && inPeriod(deal.closedAt, period)) {
      if (deal.outcome === 'won') {
        won += 1;
        cycleDays += (deal.closedAt.getTime() - deal.createdAt.getTime()) / DAY_MS;
        const f = figures(deal.currency);
        f.wonCount += 1;
        f.wonAmountMinor += deal.amountMinor;
      } else lost += 1;
    }
  }
  const byCurrency = [...currencies.values()]
    .map((f) => ({ ...f, averageDealSizeMinor: ratio(f.wonAmountMinor, f.wonCount) }))
    .sort((a, b) => a.currency.localeCompare(b.currency));
  return {
    pipelineCreated,
    won,
    lost,
    winRate: ratio(won, won + lost),
    salesCycleDays: ratio(cycleDays, won),
    byCurrency,
  };
}
