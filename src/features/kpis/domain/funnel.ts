import { DAY_MS, inPeriod, LEAD_STAGES, type LeadRecord, type LeadStage, type Period } from './records.js';
import { median, ratio } from './stats.js';

export interface StageConversion {
  from: LeadStage;
  to: LeadStage;
  /** Leads that entered `from` in the period. */
  entered: number;
  /** Of those, the ones that reached `to` or a later stage before the period ended. */
  converted: number;
  rate: number | null;
}

export interface FunnelMetrics {
  /** Leads that entered each stage in the period. */
  entered: Record<LeadStage, number>;
  conversions: StageConversion[];
  /** Median days spent in each stage by the leads that left it (reached a later stage) in the period. */
  medianDaysInStage: Record<Exclude<LeadStage, 'sql'>, number | null>;
  mqlToSql: StageConversion;
}

/** The first stage after `index` that the lead reached: when it left stage `index`. */
export function exitOf(lead: LeadRecord, index: number): Date | undefined {
  for (const stage of LEAD_STAGES.slice(index + 1)) {
    const at = lead.stages[stage];
    if (at) return at;
  }
  return undefined;
}

/** Funnel counts, stage-to-stage conversion, median days in status and MQL -> SQL for one period. */
export function funnelMetrics(leads: LeadRecord[], period: Period): FunnelMetrics {
  const entered = Object.fromEntries(LEAD_STAGES.map((s) => [s, 0])) as Record<LeadStage, number>;
  const converted = Object.fromEntries(LEAD_STAGES.map((s) => [s, 0])) as Record<LeadStage, number>;
  const days: Record<string, number[]> = Object.fromEntries(LEAD_STAGES.map((s) => [s, []]));
  for (const lead of leads) {
    LEAD_STAGES.forEach((stage, index) => {
      const at = lead.stages[stage];
      const exit = exitOf(lead, index);
      if (inPeriod(at, period)) {
        entered[stage] += 1;
        if (exit && exit.getTime() < period.to.getTime()) converted[stage] += 1;
      }
      if (at && exit && inPeriod(exit, period)) days[stage]!.push((exit.getTime() - at.getTime()) / DAY_MS);
    });
  }
  const conversions = LEAD_STAGES.slice(0, -1).map((from, i): StageConversion => {
    const to = LEAD_STAGES[i + 1] as LeadStage;
    return {
      from,
      to,
      entered: entered[from],
      converted: converted[from],
      rate: ratio(converted[from], entered[from]),
    };
  });
  return {
    entered,
    conversions,
    medianDaysInStage: {
      subscriber: median(days.subscriber!),
      lead: median(days.lead!),
      engaged_lead: median(days.engaged_lead!),
      mql: median(days.mql!),
    },
    mqlToSql: conversions[3] as StageConversion,
  };
}
