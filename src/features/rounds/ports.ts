import type { PostResult } from '../../kernel/post-result.js';
import type { DimensionKey } from '../assessment/domain/index.js';
import type { StoredRound } from './domain/round.js';
import type { RoundResult } from './round-result.js';

/** What the rounds feature needs from Slack; implemented in slack/poster.ts. */
export interface RoundPoster {
  postInvitation(round: StoredRound, answered: number): Promise<PostResult>;
  /** Shows the answered count (never scores), or that the round is closed. Failures are logged, not thrown. */
  updateInvitation(round: StoredRound, answered: number): Promise<void>;
  /** The summary, with the round's id as message metadata so that findSummary can tell later whether Slack has it. */
  postSummary(result: RoundResult): Promise<PostResult>;
  /**
   * The ts of the round's summary if Slack has it in the round's channel (an attempt died before recording it).
   * Throws when Slack can't tell: not knowing is not proof of absence.
   */
  findSummary(round: StoredRound): Promise<string | undefined>;
  /** The respondents' notes as replies under the posted summary; false when Slack refused one (logged, not thrown). */
  postNotes(result: RoundResult, channelId: string, threadTs: string): Promise<boolean>;
  /** One private reminder; false when Slack refused it. */
  nudge(round: StoredRound, userId: string): Promise<boolean>;
}

export interface ChartInput {
  title: string;
  current: Readonly<Record<DimensionKey, number>>;
  previous?: Readonly<Record<DimensionKey, number>>;
}

/** Draws and uploads the dimension chart next to a posted summary. Never throws: a failed upload is logged. */
export interface ChartPublisher {
  publish(channelId: string, threadTs: string, chart: ChartInput): Promise<boolean>;
}

export const noCharts: ChartPublisher = { publish: async () => false };
