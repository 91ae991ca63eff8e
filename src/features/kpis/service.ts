import type { Clock } from '../../kernel/clock.js';
import {
  type CacPayback,
  cacPayback,
  checkCsv,
  checkRows,
  type DealMetrics,
  daysBefore,
  type FunnelMetrics,
  type GtmKind,
  type LocalDays,
  localDaysPeriod,
  type Period,
  previousLocalDays,
  type RowError,
  type SourceCredit,
  spendInPeriod,
  type TimeDecayResult,
} from './domain/index.js';
import type { KpiQueries } from './queries.js';
import type { GtmDataRepository, UpsertCounts } from './repository.js';

/** Three weeks: the GTM review's cadence. */
export const DEFAULT_KPI_WEEKS = 3;
/** `/loop kpis` looks back at most a year. */
export const MAX_KPI_WEEKS = 52;

export interface KpiFigures {
  period: Period;
  funnel: FunnelMetrics;
  deals: DealMetrics;
  timeDecay: TimeDecayResult;
  olsCsWon: SourceCredit[];
  olsCsPipeline: SourceCredit[];
  /** Spend in the period per currency (minor units). */
  spendMinor: Record<string, number>;
  /** One per spend currency that has won deals in the same currency. */
  cacPayback: CacPayback[];
}

export interface KpiReport {
  /** The whole local days reported on. */
  days: LocalDays;
  /** The same number of days just before, which every figure is compared with. */
  previousDays: LocalDays;
  current: KpiFigures;
  previous: KpiFigures;
}

export type GtmImportResult =
  | { ok: true; kind: GtmKind; counts: UpsertCounts; warnings: string[] }
  | { ok: false; kind: GtmKind; errors: RowError[] };

export interface KpiService {
  /** The figures for these whole local days, against the same number of days before. */
  report(teamId: string, days: LocalDays): Promise<KpiReport>;
  /** The report for the `weeks` whole weeks of days before today (the service's clock) in `timeZone`. */
  lastWeeks(teamId: string, weeks: number, timeZone: string): Promise<KpiReport>;
  /** A CSV file: every row checked, written whole or not at all, upserted by id. */
  importCsv(teamId: string, kind: GtmKind, csv: string): Promise<GtmImportResult>;
  /** An ingest request's rows (JSON objects); errors name the 1-based row. */
  importRows(teamId: string, kind: GtmKind, rows: Array<Record<string, unknown>>): Promise<GtmImportResult>;
}

export interface KpiServiceDeps {
  queries: KpiQueries;
  data: GtmDataRepository;
  clock: Clock;
}

export function createKpiService(deps: KpiServiceDeps): KpiService {
  const { queries } = deps;

  async function figures(teamId: string, period: Period): Promise<KpiFigures> {
    const [funnel, deals, timeDecay, olsCsWon, olsCsPipeline, spend] = await Promise.all([
      queries.funnel(teamId, period),
      queries.deals(teamId, period),
      queries.timeDecay(teamId, period),
      queries.olsCs(teamId, period, 'won'),
      queries.olsCs(teamId, period, 'pipeline'),
      queries.spend(teamId, period),
    ]);
    const spendMinor = spendInPeriod(spend, period);
    const payback = Object.entries(spendMinor).flatMap(([currency, spent]) => {
      const won = deals.byCurrency.find((c) => c.currency === currency);
      const result =
        won && cacPayback({ currency, spendMinor: spent, wonCount: won.wonCount, wonAmountMinor: won.wonAmountMinor });
      return result ? [result] : [];
    });
    return { period, funnel, deals, timeDecay, olsCsWon, olsCsPipeline, spendMinor, cacPayback: payback };
  }

  async function write(teamId: string, kind: GtmKind, checked: ReturnType<typeof checkRows>): Promise<GtmImportResult> {
    if (!checked.ok) return { ok: false, kind, errors: checked.errors };
    const counts = await deps.data.upsert(teamId, kind, checked.records as never, deps.clock());
    const warnings: string[] = [];
    if (kind === 'deals' || kind === 'spend') {
      const currencies = await deps.data.currencies(teamId);
      if (currencies.deals.length > 1) {
        warnings.push(
          `Deals are in ${currencies.deals.length} currencies (${currencies.deals.join(', ')}): amounts are reported per currency, never summed.`,
        );
      }
      const unmatched = currencies.spend.filter((c) => !currencies.deals.includes(c));
      if (unmatched.length > 0 && currencies.deals.length > 0) {
        warnings.push(
          `Spend in ${unmatched.join(', ')} has no deals in that currency: CAC payback is not computed for it.`,
        );
      }
    }
    return { ok: true, kind, counts, warnings };
  }

  return {
    async report(teamId, days) {
      const previousDays = previousLocalDays(days);
      const [current, previous] = await Promise.all([
        figures(teamId, localDaysPeriod(days)),
        figures(teamId, localDaysPeriod(previousDays)),
      ]);
      return { days, previousDays, current, previous };
    },
    lastWeeks(teamId, weeks, timeZone) {
      return this.report(teamId, daysBefore(deps.clock(), weeks * 7, timeZone));
    },
    importCsv: (teamId, kind, csv) => write(teamId, kind, checkCsv(kind, csv)),
    importRows: (teamId, kind, rows) =>
      write(
        teamId,
        kind,
        checkRows(
          kind,
          rows.map((values, i) => ({ row: i + 1, values })),
        ),
      ),
  };
}
