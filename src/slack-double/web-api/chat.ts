import type { EphemeralMessage } from '../types.js';
import type { Handler } from './context.js';
import { fail } from './context.js';
import { applyContent, checkMessagePayload, publicMessage, storeBotMessage } from './message-payload.js';

const postMessage: Handler = (args, ctx) => {
  const target = ctx.state.postable(args.channel);
  if ('error' in target) return fail(target.error);
  const invalid = checkMessagePayload(ctx, args);
  if (invalid) return invalid;
  const msg = storeBotMessage(ctx.state, target.channel.id, args, 'chat.postMessage');
  return { ok: true, channel: target.channel.id, ts: msg.ts, message: publicMessage(msg) };
};

const postEphemeral: Handler = (args, ctx) => {
  const { state } = ctx;
  if (typeof args.user !== 'string' || !args.user) return fail('user_not_found');
  if (!state.users.has(args.user)) return fail('user_not_found');
  const target = state.postable(args.channel);
  if ('error' in target) return fail(target.error);
  if (!state.membersOf(target.channel).includes(args.user)) return fail('user_not_in_channel');
  const invalid = checkMessagePayload(ctx, args);
  if (invalid) return invalid;
  const ts = state.ids.ts();
  const stored: EphemeralMessage = { ts, channel: target.channel.id, user: args.user, via: 'chat.postEphemeral' };
  applyContent(state, stored, args);
  if (typeof args.thread_ts === 'string' && args.thread_ts) stored.thread_ts = args.thread_ts;
  state.ephemerals.push(stored);
  return { ok: true, message_ts: ts };
};

const update: Handler = (args, ctx) => {
  const { state } = ctx;
  const ch =
    state.channels.get(String(args.channel ?? '')) ??
    (state.isUserId(String(args.channel)) ? state.dmFor(String(args.channel)) : undefined);
  if (!ch || (ch.isMember === false && ch.isPrivate)) return fail('channel_not_found');
  const msg = ch.messages.find((m) => m.ts === args.ts);
  if (!msg) return fail('message_not_found');
  if (msg.user !== state.identity.botUserId) return fail('cant_update_message');
  if (ch.isArchived) return fail('is_archived');
  const invalid = checkMessagePayload(ctx, args);
  if (invalid) return invalid;
  applyContent(state, msg, args);
  if (args.metadata !== undefined) msg.metadata = args.metadata;
  msg.edited = { user: state.identity.botUserId, ts: state.ids.ts() };
  return { ok: true, channel: ch.id, ts: msg.ts, text: msg.text ?? '', message: publicMessage(msg) };
};

const deleteMessage: Handler = (args, ctx) => {
  const { state } = ctx;
  const ch = state.channels.get(String(args.channel ?? ''));
  if (!ch || (ch.isMember === false && ch.isPrivate)) return fail('channel_not_found');
  const idx = ch.messages.findIndex((m) => m.ts === args.ts);
  const msg = ch.messages[idx];
  if (!msg) return fail('message_not_found');
  if (msg.user !== state.identity.botUserId) return fail('cant_delete_message');
  ch.messages.splice(idx, 1);
  return { ok: true, channel: ch.id, ts: msg.ts };
};

const getPermalink: Handler = (args, ctx) => {
  const found = ctx.state.readable(args.channel);
  if ('error' in found) return fail(found.error);
  const msg = found.channel.messages.find((m) => m.ts === args.message_ts);
  if (!msg) return fail('message_not_found');
  const p = `p${msg.ts.replace('.', '')}`;
  const thread = msg.thread_ts ? `?thread_ts=${msg.thread_ts}&cid=${found.channel.id}` : '';
  return {
    ok: true,
    channel: found.channel.id,
    permalink: `https://${ctx.state.identity.teamDomain}.slack.com/archives/${found.channel.id}/${p}${thread}`,
  };
};

export const chatHandlers: Record<string, Handler> = {
  'chat.postMessage': postMessage,
  'chat.postEphemeral': postEphemeral,
  'chat.update': update,
  'chat.delete': deleteMessage,
  'chat.getPermalink': getPermalink,
};
