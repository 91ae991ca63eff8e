/** One occurrence's post (or heads-up) of a ritual, kept as an outbox entry until it is posted, missed or skipped. */

export type RitualPostKind = 'post' | 'heads_up';

export type RitualPostStatus = 'pending' | 'posted' | 'missed' | 'cancelled' | 'skipped';

export interface RitualPost {
  id: number;
  teamId: string;
  ritualId: number;
  occurrenceAt: Date;
  kind: RitualPostKind;
  status: RitualPostStatus;
  attempts: number;
  nextAttemptAt: Date;
  /** Set while a post is on its way to Slack; still set after the lease means the outcome is unknown. */
  inFlightSince: Date | null;
  lastError: string | null;
  channelId: string;
  postedTs: string | null;
  postedAt: Date | null;
  late: boolean;
  /** The ritual's creator was told about a channel problem with this post. */
  problemTold: boolean;
}
