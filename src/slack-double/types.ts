/** Public data shapes of the Slack double. */

export interface RecordedCall {
  method: string;
  args: Record<string, any>;
  token: string | undefined;
  at: number;
  response: any;
  status: number;
  /**
   * The workspace the call was made in: the one its token belongs to (also a revoked or expired one), the one a
   * response_url / upload URL was issued in, or for `oauth.v2.access` the one installed. Undefined when no workspace is
   * known (no token, an unknown token, the app-level token).
   */
  teamId?: string;
}

export interface DoubleUser {
  id: string;
  name: string;
  isAdmin?: boolean;
  isOwner?: boolean;
  tz?: string;
  isBot?: boolean;
  /** Extras (optional): shown in users.info / users.list profiles. */
  realName?: string;
  email?: string;
  deleted?: boolean;
}

export interface DoubleChannel {
  id: string;
  name: string;
  isPrivate?: boolean;
  /** Whether the bot is a member. Defaults to true. */
  isMember?: boolean;
  isArchived?: boolean;
  isIm?: boolean;
  /** Extra: human member ids. Defaults to every non-bot user added to the double. For IMs, the other user. */
  members?: string[];
  /** Extra: for IM channels, the user at the other end. */
  user?: string;
}

export type Fault =
  | { status: 500 }
  | { status: 429; retryAfterSeconds: number }
  /** ok:false with that Slack error, HTTP 200 */
  | { error: string };

export interface StoredFile {
  id: string;
  name: string;
  title: string;
  size: number;
  uploaded: boolean;
  bytes?: Buffer;
  alt_text?: string;
  channels: string[];
  initial_comment?: string;
  thread_ts?: string;
}

export interface PostedMessage {
  type: 'message';
  ts: string;
  channel: string;
  thread_ts?: string;
  text?: string;
  blocks?: any[];
  attachments?: any[];
  metadata?: any;
  /** Author: the bot user id for app messages, the human for simulated user messages. */
  user: string;
  bot_id?: string;
  app_id?: string;
  team: string;
  files?: StoredFile[];
  reply_broadcast?: boolean;
  edited?: { user: string; ts: string };
  /** How the message got there: 'chat.postMessage', 'response_url', 'ack', 'files.completeUploadExternal', 'event'. */
  via: string;
}

export interface EphemeralMessage {
  ts: string;
  channel: string;
  /** Recipient. */
  user: string;
  text?: string;
  blocks?: any[];
  attachments?: any[];
  thread_ts?: string;
  /** 'chat.postEphemeral', 'response_url' or 'ack' (slash-command ack payload). */
  via: string;
  /** Set when replaced / deleted through a response_url. */
  deleted?: boolean;
  replacedCount?: number;
}

/** A view as Slack returns it (views.open/push/update/publish responses and interaction payloads), plus `user_id`. */
export interface StoredView {
  id: string;
  team_id: string;
  type: 'modal' | 'home';
  user_id: string;
  callback_id: string;
  private_metadata: string;
  external_id: string;
  title?: any;
  submit?: any;
  close?: any;
  blocks: any[];
  state: { values: Record<string, Record<string, any>> };
  hash: string;
  clear_on_close: boolean;
  notify_on_close: boolean;
  submit_disabled?: boolean;
  previous_view_id: string | null;
  root_view_id: string;
  app_id: string;
  app_installed_team_id: string;
  bot_id: string;
}

export interface ChannelRateLimit {
  perSecond: number;
  burst: number;
}
