import type { MqaStatus } from './lifecycle.js';

/** Counts for the MQA digest section (never mixed with MQL numbers). Pure. */
export interface MqaPeriodEvent {
  itemId: number;
  toStatus: MqaStatus | null;
  at: Date;
}

export interface MqaPeriodSummary {
  shared: number;
  acknowledged: number;
  medianMsToAcknowledge: number | null;
  overdue: number;
  stalled: number;
  reEntered: number;
  won: number;
  lost: number;
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const inPeriod = (at: Date, from: Date, to: Date) => at.getTime() >= from.getTime() && at.getTime() < to.getTime();

/**
 * Events in [from, to) counted per kind (distinct items). Time to acknowledge is from the item's latest share
 * before the acknowledgement to that acknowledgement, for acknowledgements in the period.
 * `overdue` (unacknowledged past the SLA at `to`) comes from the caller, which knows the SLA policy.
 */
export function summarizePeriod(events: MqaPeriodEvent[], from: Date, to: Date, overdue: number): MqaPeriodSummary {
  const sorted = [...events].sort((a, b) => a.at.getTime() - b.at.getTime());
  const distinct = (status: MqaStatus) =>
    new Set(sorted.filter((e) => e.toStatus === status && inPeriod(e.at, from, to)).map((e) => e.itemId)).size;
  const lastShared = new Map<number, Date>();
  const ackTimes: number[] = [];
  for (const e of sorted) {
    if (e.toStatus === 'shared') lastShared.set(e.itemId, e.at);
    if (e.toStatus === 'acknowledged' && inPeriod(e.at, from, to)) {
      const shared = lastShared.get(e.itemId);
      if (shared) ackTimes.push(e.at.getTime() - shared.getTime());
    }
  }
  return {
    shared: distinct('shared'),
    acknowledged: distinct('acknowledged'),
    medianMsToAcknowledge: median(ackTimes),
    overdue,
    stalled: distinct('stalled'),
    reEntered: distinct('re_entered'),
    won: distinct('won'),
    lost: distinct('lost'),
  };
}
