/** The MQA lifecycle: statuses, who may go where, and what a status change records. Pure. */

import type { MqaActor } from './actor.js';

export const MQA_STATUSES = [
  'in_review',
  'validated',
  'shared',
  'acknowledged',
  'in_progress',
  'won',
  'lost',
  'rejected',
  'not_a_fit',
  'stalled',
  're_entered',
] as const;
export type MqaStatus = (typeof MQA_STATUSES)[number];

export const STATUS_LABEL: Record<MqaStatus, string> = {
  in_review: 'In review',
  validated: 'Validated',
  shared: 'Shared with Sales',
  acknowledged: 'Acknowledged',
  in_progress: 'In progress',
  won: 'Won',
  lost: 'Lost',
  rejected: 'Rejected by Marketing',
  not_a_fit: 'Not a fit for Sales',
  stalled: 'Stalled',
  re_entered: 'Re-entered',
};

/**
 * Allowed moves. Marketing rejects an account in review; once it is shared, Sales may say it is not a fit: two
 * different events, so two statuses. Re-entered is active progression again (like acknowledged): Sales works it,
 * it can stall again, be won or lost. Lost accounts may re-enter too; won, rejected and not a fit are final.
 */
const TRANSITIONS: Record<MqaStatus, readonly MqaStatus[]> = {
  in_review: ['validated', 'rejected'],
  validated: ['shared', 'rejected'],
  shared: ['acknowledged', 'not_a_fit'],
  acknowledged: ['in_progress', 'won', 'lost', 'stalled', 'not_a_fit'],
  in_progress: ['won', 'lost', 'stalled'],
  re_entered: ['in_progress', 'won', 'lost', 'stalled'],
  stalled: ['re_entered'],
  lost: ['re_entered'],
  won: [],
  rejected: [],
  not_a_fit: [],
};

export function canTransition(from: MqaStatus, to: MqaStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function allowedNext(from: MqaStatus): readonly MqaStatus[] {
  return TRANSITIONS[from];
}

/** Sales is expected to be working the account: the stall clock runs. */
export const ACTIVE_STATUSES: readonly MqaStatus[] = ['acknowledged', 'in_progress', 're_entered'];
/** Waiting for a Sales acknowledgement: the SLA clock runs. */
export const AWAITING_ACK: readonly MqaStatus[] = ['shared'];
/** Still in play: everything not closed. Stalled counts (it waits for a re-entry decision). */
export const OPEN_STATUSES: readonly MqaStatus[] = [
  'in_review',
  'validated',
  'shared',
  'acknowledged',
  'in_progress',
  'stalled',
  're_entered',
];
/** Closed: won, lost, rejected by Marketing or not a fit for Sales (lost may still re-enter). */
export const CLOSED_STATUSES: readonly MqaStatus[] = MQA_STATUSES.filter((s) => !OPEN_STATUSES.includes(s));
/** Statuses that need a reason. */
const REASON_REQUIRED: Partial<Record<MqaStatus, string>> = {
  rejected: 'Say why Marketing rejects it.',
  not_a_fit: 'Say why it is not a fit.',
};

export interface StatusChange {
  from: MqaStatus;
  to: MqaStatus;
  actor: MqaActor;
  at: Date;
  note: string | null;
}

export type TransitionResult = { ok: true; change: StatusChange } | { ok: false; reason: string };

/** Checks a move; rejection and not a fit need a reason. Returns the event to append, never a rewritten journey. */
export function transition(
  from: MqaStatus,
  to: MqaStatus,
  actor: MqaActor,
  at: Date,
  note: string | null = null,
): TransitionResult {
  if (from === to) return { ok: false, reason: `The account is already *${STATUS_LABEL[to]}*.` };
  if (!canTransition(from, to)) {
    return { ok: false, reason: `The account is *${STATUS_LABEL[from]}*: it can't move to *${STATUS_LABEL[to]}*.` };
  }
  const trimmed = note?.trim() || null;
  const reasonNeeded = REASON_REQUIRED[to];
  if (reasonNeeded && !trimmed) return { ok: false, reason: reasonNeeded };
  return { ok: true, change: { from, to, actor, at, note: trimmed } };
}

export interface JourneyEvent {
  type: string;
  toStatus: MqaStatus | null;
  at: Date;
}

/** First dates and every re-entry / conversion date, read from the append-only history. */
export function journeyDates(events: JourneyEvent[]) {
  const sorted = [...events].sort((a, b) => a.at.getTime() - b.at.getTime());
  const first = (status: MqaStatus) => sorted.find((e) => e.toStatus === status)?.at ?? null;
  return {
    createdAt: sorted[0]?.at ?? null,
    firstSharedAt: first('shared'),
    firstAcknowledgedAt: first('acknowledged'),
    reEntries: sorted.filter((e) => e.toStatus === 're_entered').map((e) => e.at),
    conversions: sorted.filter((e) => e.toStatus === 'won').map((e) => e.at),
  };
}
