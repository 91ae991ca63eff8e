import type { EphemeralMessage, PostedMessage, SlackDouble, StoredFile } from '../slack-double/index.js';
import { SANDBOX_CHANNELS, SANDBOX_PEOPLE } from './people.js';
import type { SandboxChannel, SandboxFile, SandboxMessage, SandboxModal, SandboxPerson } from './web/api-types.js';

const IMAGE = /\.(png|jpe?g|gif|webp|svg)$/i;

export const fileUrl = (id: string) => `/sandbox/api/files/${encodeURIComponent(id)}`;

export function fileOf(f: StoredFile): SandboxFile {
  return {
    id: f.id,
    name: f.name,
    title: f.title,
    size: f.bytes?.length ?? f.size,
    url: fileUrl(f.id),
    isImage: IMAGE.test(f.name),
  };
}

/** Reactions people added in the page, by `channel:ts`, emoji name -> who. */
export type Reactions = Map<string, Map<string, Set<string>>>;

export function people(double: SlackDouble): SandboxPerson[] {
  return [
    ...SANDBOX_PEOPLE.map((p) => ({
      id: p.id,
      name: p.name,
      realName: p.realName ?? p.name,
      isAdmin: p.isAdmin === true,
      isBot: false,
    })),
    { id: double.botUserId, name: 'loopkeeper', realName: 'Loopkeeper', isAdmin: false, isBot: true },
  ];
}

/** The seeded channels, then the bot's DM with the person looking (Loopkeeper's "Messages" tab). */
export function channelsFor(double: SlackDouble, viewer: string): SandboxChannel[] {
  return [
    ...SANDBOX_CHANNELS.map((c) => ({ id: c.id, name: c.name, kind: 'channel' as const })),
    { id: double.dmChannel(viewer).id, name: 'Loopkeeper', kind: 'dm' as const },
  ];
}

function reactionsOf(reactions: Reactions, channel: string, ts: string): SandboxMessage['reactions'] {
  const byName = reactions.get(`${channel}:${ts}`);
  if (!byName) return [];
  return [...byName].filter(([, users]) => users.size > 0).map(([name, users]) => ({ name, users: [...users] }));
}

function posted(m: PostedMessage, reactions: Reactions): SandboxMessage {
  const message: SandboxMessage = {
    ts: m.ts,
    channel: m.channel,
    user: m.user,
    text: m.text ?? '',
    blocks: m.blocks ?? [],
    files: (m.files ?? []).map(fileOf),
    ephemeral: false,
    edited: m.edited !== undefined,
    replyCount: 0,
    reactions: reactionsOf(reactions, m.channel, m.ts),
  };
  if (m.thread_ts) message.threadTs = m.thread_ts;
  return message;
}

function ephemeral(m: EphemeralMessage, botUserId: string): SandboxMessage {
  const message: SandboxMessage = {
    ts: m.ts,
    channel: m.channel,
    user: botUserId,
    text: m.text ?? '',
    blocks: m.blocks ?? [],
    files: [],
    ephemeral: true,
    edited: (m.replacedCount ?? 0) > 0,
    replyCount: 0,
    reactions: [],
  };
  if (m.thread_ts) message.threadTs = m.thread_ts;
  return message;
}

/** Every message the viewer can see in `channelId`, ephemerals for them included, oldest first. */
export function messagesIn(
  double: SlackDouble,
  channelId: string,
  viewer: string,
  reactions: Reactions,
): SandboxMessage[] {
  const channel = double.channel(channelId);
  const list = (channel?.messages ?? []).map((m) => posted(m, reactions));
  for (const e of double.ephemeralsFor(viewer)) {
    if (e.channel === channelId) list.push(ephemeral(e, double.botUserId));
  }
  list.sort((a, b) => Number(a.ts) - Number(b.ts));
  for (const m of list) {
    if (m.threadTs && m.threadTs !== m.ts) {
      const parent = list.find((p) => p.ts === m.threadTs);
      if (parent) parent.replyCount += 1;
    }
  }
  return list;
}

const plain = (t: unknown): string | undefined =>
  t && typeof t === 'object' && typeof (t as { text?: unknown }).text === 'string'
    ? (t as { text: string }).text
    : undefined;

/** The modal on top of the viewer's stack, with the inline errors of its last submission. */
export function modalFor(
  double: SlackDouble,
  viewer: string,
  errors: Map<string, Record<string, string>>,
): SandboxModal | null {
  const stack = double.openViews(viewer);
  const top = stack.at(-1);
  if (!top) return null;
  const modal: SandboxModal = {
    id: top.id,
    title: plain(top.title) ?? '',
    callbackId: top.callback_id,
    blocks: top.blocks,
    errors: errors.get(top.id) ?? {},
    depth: stack.length - 1,
  };
  const submit = plain(top.submit);
  const close = plain(top.close);
  if (submit) modal.submit = submit;
  if (close) modal.close = close;
  return modal;
}
