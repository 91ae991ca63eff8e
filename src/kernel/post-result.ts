/** What services need from the outside world, implemented at the Slack edge. */

export type PostFailureReason = 'not_in_channel' | 'channel_not_found' | 'is_archived' | 'restricted' | 'other';

export type PostResult =
  | { ok: true; channelId: string; ts: string }
  | { ok: false; channelId: string; reason: PostFailureReason; detail: string };

export interface UserDirectory {
  /** Workspace admins and owners, as Slack reports them. */
  isWorkspaceAdmin(userId: string): Promise<boolean>;
}

/** Slack's error codes that mean "try again later"; every other code is a final answer. */
const PASSING_ERRORS = new Set([
  'ratelimited',
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
]);

/**
 * Whether a failure that names no channel problem may pass by itself: a transport or HTTP error (no Slack error code)
 * or one of Slack's own transient codes. `invalid_auth`, `missing_scope`, `invalid_blocks`... never pass by waiting.
 */
export function isPassingFailure(detail: string): boolean {
  return !/^[a-z_]+$/.test(detail) || PASSING_ERRORS.has(detail);
}

/** Slack answered with an error code (the request reached Slack), as opposed to a transport failure. */
export const isSlackPlatformError = (error: unknown): boolean =>
  typeof (error as { data?: { error?: unknown } }).data?.error === 'string';
