import type { webApi } from '@slack/bolt';
import type { PostFailureReason, PostResult } from '../kernel/post-result.js';
import type { Logger } from '../logging/logger.js';
import type { SlackMessage } from './blocks.js';
import { type PaceRule, SLACK_LIMITS } from './pacing/limits.js';
import { createPacer, type PacePriority, type Pacer } from './pacing/pacer.js';
import { rejectingRateLimits, retryAfterOf, triesOf } from './pacing/slack-calls.js';
import { currentTeamId } from './workspaces.js';

type WebClient = webApi.WebClient;

const REASONS: Record<string, PostFailureReason> = {
  not_in_channel: 'not_in_channel',
  channel_not_found: 'channel_not_found',
  is_archived: 'is_archived',
  restricted_action: 'restricted',
  restricted_action_read_only_channel: 'restricted',
  restricted_action_thread_only_channel: 'restricted',
  restricted_action_non_threadable_channel: 'restricted',
  ekm_access_denied: 'restricted',
};

/** The Slack error code of a WebClient failure ('not_in_channel'), or the transport error's message. */
export function slackErrorCode(error: unknown): string {
  // Slack's own code for a 429, once the pacer has given a call all its tries.
  if (retryAfterOf(error) !== undefined) return 'ratelimited';
  const data = (error as { data?: { error?: unknown } }).data;
  if (typeof data?.error === 'string') return data.error;
  return error instanceof Error ? error.message : String(error);
}

/** Where to tell a person something privately, best first. */
export interface Audience {
  userId: string;
  responseUrl?: string | null;
  channelId?: string | null;
}

/**
 * The limits the notifier paces by: Slack's for posting, and the lookups for a post whose outcome is unknown (Tier 3,
 * 50+ per minute per workspace) in a workspace lane, so a 429 is waited out by the lookups alone and the same lookup
 * is asked again, as the SDK would, without pausing every other call of the client.
 */
export const NOTIFIER_LIMITS: Readonly<Record<string, PaceRule>> = {
  ...SLACK_LIMITS,
  'conversations.history': { scope: 'workspace', rate: { perSecond: 50 / 60, burst: 50 }, concurrency: 10 },
  'conversations.replies': { scope: 'workspace', rate: { perSecond: 50 / 60, burst: 50 }, concurrency: 10 },
};

export interface NotifierOptions {
  /** Default: a pacer of this notifier's own on NOTIFIER_LIMITS (the app builds one notifier, so one per process). */
  pacer?: Pacer;
}

/**
 * Posting on top of the Web API client. Posts, updates and ephemeral messages go through the pacer (see
 * pacing/README.md): one lane per channel (per workspace for tier-limited methods), where a 429 pauses that lane
 * alone for its Retry-After, sends the same message again and paces the lane at Slack's rate while it stays busy.
 * 5xx and network errors are retried inside the client by its retry policy. What reaches callers is a final answer,
 * classified so they can tell people how to fix it. The lanes are per process (several instances are not summed).
 *
 * What a person waits for goes ahead of bulk deliveries in the same lane (tellUser, ephemeral messages, posts marked
 * `priority: 'user'`); acks never come here, and no other Slack call waits for a paced lane.
 */
export function createNotifier(client: WebClient, logger: Logger, options: NotifierOptions = {}) {
  // The tries the client's retry policy gives a call, known once a call has found the client.
  let tries: number | undefined;
  const pacer =
    options.pacer ??
    createPacer({
      limits: NOTIFIER_LIMITS,
      retryAfterOf,
      maxRateLimited: () => tries ?? 10,
      onRateLimited: (call, retryAfterSeconds) =>
        logger.info('Slack rate-limited a call; its channel waits', {
          method: call.method,
          channel: call.channel,
          retryAfterSeconds,
        }),
    });

  /** One Web API call in its lane, in the workspace in scope. */
  function paced<T>(method: string, channel: string, args: Record<string, unknown>, priority: PacePriority) {
    return pacer.run({ teamId: currentTeamId() ?? '', channel, method, priority }, async () => {
      const calls = await rejectingRateLimits(client);
      tries = triesOf(calls);
      return (await calls.apiCall(method, args)) as T;
    });
  }

  async function postMessage(
    channel: string,
    message: SlackMessage & { thread_ts?: string },
    { priority = 'bulk' }: { priority?: PacePriority } = {},
  ): Promise<PostResult> {
    try {
      const result = await paced<webApi.ChatPostMessageResponse>(
        'chat.postMessage',
        channel,
        { channel, ...message, unfurl_links: false, unfurl_media: false },
        priority,
      );
      return { ok: true, channelId: result.channel ?? channel, ts: result.ts as string };
    } catch (error) {
      const code = slackErrorCode(error);
      logger.warn('chat.postMessage failed', { channel, error: code });
      return { ok: false, channelId: channel, reason: REASONS[code] ?? 'other', detail: code };
    }
  }

  async function respond(
    responseUrl: string,
    message: SlackMessage & { replace_original?: boolean },
  ): Promise<boolean> {
    try {
      const response = await fetch(responseUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ response_type: 'ephemeral', ...message }),
      });
      if (!response.ok) logger.warn('response_url post failed', { status: response.status });
      return response.ok;
    } catch (error) {
      logger.warn('response_url post failed', { error });
      return false;
    }
  }

  async function postEphemeral(channel: string, user: string, message: SlackMessage): Promise<boolean> {
    try {
      await paced('chat.postEphemeral', channel, { channel, user, ...message }, 'user');
      return true;
    } catch (error) {
      logger.warn('chat.postEphemeral failed', { channel, error: slackErrorCode(error) });
      return false;
    }
  }

  /** Replaces a message the bot posted (e.g. a private note in a DM). False when Slack refused; logged. */
  async function updateMessage(channel: string, ts: string, message: SlackMessage): Promise<boolean> {
    try {
      await paced('chat.update', channel, { channel, ts, ...message }, 'bulk');
      return true;
    } catch (error) {
      logger.warn('chat.update failed', { channel, error: slackErrorCode(error) });
      return false;
    }
  }

  /**
   * A link to a message, or undefined when Slack can't give one (the text then names the channel instead). A person
   * waits for that text, so a 429 is not waited out: it gives undefined at once.
   */
  async function permalink(channel: string, ts: string): Promise<string | undefined> {
    try {
      const calls = await rejectingRateLimits(client);
      const answer = (await calls.apiCall('chat.getPermalink', { channel, message_ts: ts })) as { permalink?: string };
      return answer.permalink;
    } catch (error) {
      logger.warn('chat.getPermalink failed', { channel, error: slackErrorCode(error) });
      return undefined;
    }
  }

  /**
   * The ts of a recent bot message in the channel carrying this metadata, if any: how a post whose outcome is
   * unknown (the process died while Slack had it) is found instead of posted twice. A reply is looked for in its
   * thread (`threadTs`): replies are not in the channel's history. Throws when Slack can't tell: not knowing is not
   * proof of absence.
   */
  async function findByMetadata(
    channel: string,
    eventType: string,
    matches: (payload: Record<string, unknown>) => boolean,
    { threadTs }: { threadTs?: string } = {},
  ): Promise<string | undefined> {
    // The newest 200 messages, not `oldest: <time>`: the post in question is recent, and our clock and Slack's may disagree.
    const page = { channel, include_all_metadata: true, limit: 200 };
    const { messages } = threadTs
      ? await paced<webApi.ConversationsRepliesResponse>(
          'conversations.replies',
          channel,
          { ...page, ts: threadTs },
          'bulk',
        )
      : await paced<webApi.ConversationsHistoryResponse>('conversations.history', channel, page, 'bulk');
    const found = messages?.find((m) => {
      const metadata = m.metadata as { event_type?: string; event_payload?: Record<string, unknown> } | undefined;
      return metadata?.event_type === eventType && matches(metadata.event_payload ?? {});
    });
    return found?.ts;
  }

  return {
    postMessage,
    respond,
    postEphemeral,
    updateMessage,
    permalink,
    findByMetadata,

    /** Tells one person privately: through the response URL, else ephemerally in the channel, else by DM. */
    async tellUser(audience: Audience, message: SlackMessage): Promise<boolean> {
      if (audience.responseUrl && (await respond(audience.responseUrl, message))) return true;
      if (audience.channelId && (await postEphemeral(audience.channelId, audience.userId, message))) return true;
      return (await postMessage(audience.userId, message, { priority: 'user' })).ok;
    },
  };
}

export type Notifier = ReturnType<typeof createNotifier>;
