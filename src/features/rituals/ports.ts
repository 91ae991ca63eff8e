import type { PostResult } from '../../kernel/post-result.js';
import type { DigestSection } from '../digest-section.js';
import type { FollowUp, RitualPostKind, StoredRitual } from './domain/index.js';

/** Everything a ritual post shows; the Slack edge lays it out. */
export interface RitualPostContent {
  postId: number;
  kind: RitualPostKind;
  ritual: Pick<StoredRitual, 'id' | 'kind' | 'name' | 'localTime' | 'timeZone'>;
  occurrenceAt: Date;
  /** Start of the period the digest covers (the previous occurrence). */
  periodFrom: Date;
  /** Set when the post goes out more than a few minutes after the occurrence. */
  lateSince: Date | null;
  /** Earlier occurrences recorded as missed (outside the grace window), not yet mentioned. */
  missed: Date[];
  sections: DigestSection[];
}

export interface RitualPoster {
  /** Posts the ritual message, tagged with its post id so a crash mid-post can be detected later. */
  post(channelId: string, content: RitualPostContent): Promise<PostResult>;
  /** The ts of an already-posted message for this post id in the channel since `since`, if Slack has one. */
  findPosted(channelId: string, postId: number, since: Date): Promise<string | undefined>;
  /** Tells the ritual's creator that posts keep failing and how to fix it. */
  tellPostProblem(userId: string, ritual: StoredRitual, detail: string): Promise<void>;
  postFollowUpInThread(channelId: string, threadTs: string, followUp: FollowUp): Promise<PostResult>;
  updateFollowUpInThread(followUp: FollowUp): Promise<void>;
  remindOwner(followUp: FollowUp): Promise<boolean>;
}
