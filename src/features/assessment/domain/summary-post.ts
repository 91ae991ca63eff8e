/** The summary post of one assessment, kept as an outbox entry until Slack takes it, and the private note about it. */

export type SummaryPostStatus = 'pending' | 'posted' | 'refused';

/** Where a private note to a person is, so it can be replaced later. */
export interface MessageRef {
  channelId: string;
  ts: string;
}

/** The outbox row of one assessment's summary post. */
export interface SummaryPost {
  id: number;
  teamId: string;
  assessmentId: number;
  status: SummaryPostStatus;
  attempts: number;
  nextAttemptAt: Date;
  leaseUntil: Date | null;
  /** Set while a post is on its way to Slack; still set after the lease means the outcome is unknown. */
  inFlightSince: Date | null;
  notice: MessageRef | null;
}
