import { Checker } from '../block-kit/checker.js';
import { checkMessage } from '../block-kit/surfaces.js';
import { normalizeBlocks } from '../normalize.js';
import type { State } from '../state.js';
import type { PostedMessage } from '../types.js';
import { type ApiBody, type ApiContext, blockKitFailure, usageFailure } from './context.js';

/**
 * Validates the text/blocks/attachments of a message payload. Returns a failure body (and records violations)
 * or undefined when the payload is fine.
 */
export function checkMessagePayload(
  ctx: Pick<ApiContext, 'recorder' | 'method'>,
  args: Record<string, any>,
  requireContent = true,
): ApiBody | undefined {
  if (typeof args.blocks === 'string') {
    return usageFailure(ctx, 'invalid_blocks_format', 'blocks must be a JSON-encoded array');
  }
  if (typeof args.attachments === 'string') {
    return usageFailure(ctx, 'invalid_attachments', 'attachments must be a JSON-encoded array');
  }
  const c = new Checker();
  const error = checkMessage(c, args, { requireContent });
  return error ? blockKitFailure(ctx, error, c) : undefined;
}

/** Builds and stores a bot message in a channel. */
export function storeBotMessage(
  state: State,
  channelId: string,
  args: Record<string, any>,
  via: string,
): PostedMessage {
  const { identity, ids } = state;
  const msg: PostedMessage = {
    type: 'message',
    ts: ids.ts(),
    channel: channelId,
    user: identity.botUserId,
    bot_id: identity.botId,
    app_id: identity.appId,
    team: identity.teamId,
    via,
  };
  applyContent(state, msg, args);
  if (typeof args.thread_ts === 'string' && args.thread_ts) msg.thread_ts = args.thread_ts;
  if (args.reply_broadcast === true || args.reply_broadcast === 'true') msg.reply_broadcast = true;
  if (args.metadata !== undefined) msg.metadata = args.metadata;
  state.channels.get(channelId)?.messages.push(msg);
  return msg;
}

/** Copies text / blocks / attachments onto a stored message (fields not given are left untouched). */
export function applyContent(
  state: State,
  target: { text?: string; blocks?: any[]; attachments?: any[] },
  args: Record<string, any>,
): void {
  if (args.text !== undefined) target.text = String(args.text);
  if (args.blocks !== undefined) target.blocks = normalizeBlocks(args.blocks, state.ids) ?? [];
  if (args.attachments !== undefined) target.attachments = structuredClone(args.attachments);
}

/** The `message` object Slack returns from chat.postMessage / chat.update. */
export function publicMessage(msg: PostedMessage): Record<string, any> {
  const { via: _via, channel: _channel, ...rest } = msg;
  return { ...rest, text: rest.text ?? '' };
}
