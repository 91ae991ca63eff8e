/** What services need from the outside world, implemented at the Slack edge. */

export type PostFailureReason = 'not_in_channel' | 'channel_not_found' | 'is_archived' | 'restricted' | 'other';

export type PostResult =
  | { ok: true; channelId: string; ts: string }
  | { ok: false; channelId: string; reason: PostFailureReason; detail: string };

export interface UserDirectory {
  /** Workspace admins and owners, as Slack reports them. */
  isWorkspaceAdmin(userId: string): Promise<boolean>;
}
