import type { ChannelRecord, State } from '../state.js';
import { bool, fail, type Handler, paginate } from './context.js';
import { publicMessage } from './message-payload.js';

export function channelObject(
  state: State,
  ch: ChannelRecord,
  opts: { numMembers?: boolean } = {},
): Record<string, any> {
  if (ch.isIm) {
    return {
      id: ch.id,
      created: ch.created,
      is_im: true,
      is_org_shared: false,
      user: ch.user,
      is_user_deleted: false,
      priority: 0,
    };
  }
  const obj: Record<string, any> = {
    id: ch.id,
    name: ch.name,
    name_normalized: ch.name.toLowerCase(),
    is_channel: true,
    is_group: false,
    is_im: false,
    is_mpim: false,
    is_private: ch.isPrivate === true,
    is_archived: ch.isArchived === true,
    is_general: false,
    is_shared: false,
    is_ext_shared: false,
    is_org_shared: false,
    is_member: ch.isMember !== false,
    created: ch.created,
    creator: '',
    context_team_id: state.identity.teamId,
    topic: { value: '', creator: '', last_set: 0 },
    purpose: { value: '', creator: '', last_set: 0 },
  };
  if (opts.numMembers) obj.num_members = state.membersOf(ch).length;
  return obj;
}

const info: Handler = (args, { state }) => {
  const found = state.readable(args.channel);
  if ('error' in found) return fail(found.error);
  return { ok: true, channel: channelObject(state, found.channel, { numMembers: bool(args.include_num_members) }) };
};

const open: Handler = (args, { state }) => {
  if (typeof args.channel === 'string' && args.channel) {
    const found = state.readable(args.channel);
    if ('error' in found) return fail(found.error);
    return { ok: true, no_op: true, already_open: true, channel: { id: found.channel.id } };
  }
  const users = String(args.users ?? '')
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean);
  if (users.length === 0) return fail('users_list_not_supplied');
  if (users.length > 8) return fail('too_many_users');
  for (const id of users) {
    const u = state.users.get(id);
    if (!u) return fail('user_not_found');
    if (u.isBot) return fail('cannot_dm_bot');
    if (u.deleted) return fail('user_disabled');
  }
  let ch: ChannelRecord;
  if (users.length === 1) {
    ch = state.dmFor(users[0] as string);
  } else {
    const name = `mpdm-${users.map((u) => state.users.get(u)?.name ?? u).join('--')}-1`;
    ch =
      [...state.channels.values()].find((c) => c.name === name) ??
      state.addChannel({ id: state.ids.next('G'), name, isPrivate: true, isMember: true, members: users });
  }
  const channel = bool(args.return_im) ? channelObject(state, ch) : { id: ch.id };
  return { ok: true, channel };
};

const members: Handler = (args, { state }) => {
  const found = state.readable(args.channel);
  if ('error' in found) return fail(found.error);
  const { page, next_cursor } = paginate(state.membersOf(found.channel), args);
  return { ok: true, members: page, response_metadata: { next_cursor } };
};

const join: Handler = (args, { state }) => {
  const ch = state.channels.get(String(args.channel ?? ''));
  if (!ch) return fail('channel_not_found');
  if (ch.isIm) return fail('method_not_supported_for_channel_type');
  if (ch.isPrivate)
    return ch.isMember === false ? fail('channel_not_found') : fail('method_not_supported_for_channel_type');
  if (ch.isArchived) return fail('is_archived');
  if (ch.isMember !== false) {
    return {
      ok: true,
      channel: channelObject(state, ch),
      warning: 'already_in_channel',
      response_metadata: { warnings: ['already_in_channel'] },
    };
  }
  ch.isMember = true;
  return { ok: true, channel: channelObject(state, ch) };
};

const list: Handler = (args, { state }) => {
  const types = new Set(
    String(args.types ?? 'public_channel')
      .split(',')
      .map((t) => t.trim()),
  );
  const excludeArchived = bool(args.exclude_archived);
  const chans = [...state.channels.values()].filter((ch) => {
    if (excludeArchived && ch.isArchived) return false;
    if (ch.isIm) return types.has('im');
    if (ch.isPrivate) return (types.has('private_channel') || types.has('mpim')) && ch.isMember !== false;
    return types.has('public_channel');
  });
  const { page, next_cursor } = paginate(chans, args);
  return { ok: true, channels: page.map((ch) => channelObject(state, ch)), response_metadata: { next_cursor } };
};

const history: Handler = (args, { state }) => {
  const found = state.readable(args.channel);
  if ('error' in found) return fail(found.error);
  const oldest = Number(args.oldest ?? 0);
  const latest = args.latest !== undefined ? Number(args.latest) : Number.POSITIVE_INFINITY;
  const msgs = found.channel.messages
    .filter((m) => !m.thread_ts || m.thread_ts === m.ts || m.reply_broadcast)
    .filter((m) => Number(m.ts) >= oldest && Number(m.ts) <= latest)
    .slice()
    .reverse();
  const { page, next_cursor } = paginate(msgs, args);
  return {
    ok: true,
    messages: page.map(publicMessage),
    has_more: next_cursor !== '',
    response_metadata: { next_cursor },
  };
};

const replies: Handler = (args, { state }) => {
  const found = state.readable(args.channel);
  if ('error' in found) return fail(found.error);
  const parent = found.channel.messages.find((m) => m.ts === args.ts);
  if (!parent) return fail('thread_not_found');
  const thread = found.channel.messages.filter((m) => m === parent || m.thread_ts === parent.ts);
  const { page, next_cursor } = paginate(thread, args);
  return {
    ok: true,
    messages: page.map(publicMessage),
    has_more: next_cursor !== '',
    response_metadata: { next_cursor },
  };
};

export const conversationHandlers: Record<string, Handler> = {
  'conversations.info': info,
  'conversations.open': open,
  'conversations.members': members,
  'conversations.join': join,
  'conversations.list': list,
  'conversations.history': history,
  'conversations.replies': replies,
};
