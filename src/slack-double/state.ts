import type { Ids } from './ids.js';
import type { DoubleChannel, DoubleUser, EphemeralMessage, PostedMessage, StoredFile, StoredView } from './types.js';

/** One workspace and the app's bot user in it. */
export interface Identity {
  teamId: string;
  teamDomain: string;
  /** The workspace's name (auth.test `team`, oauth.v2.access `team.name`). */
  teamName: string;
  /** Set when the workspace belongs to an Enterprise Grid org. */
  enterpriseId?: string;
  enterpriseName?: string;
  botUserId: string;
  botId: string;
  /** The bot user's name (auth.test `user`). */
  botName: string;
  appId: string;
}

export interface ChannelRecord extends DoubleChannel {
  messages: PostedMessage[];
  created: number;
}

export interface Trigger {
  id: string;
  userId: string;
  issuedAt: number;
  used: boolean;
  /** Set when the interaction came from inside a view (views.push needs this). */
  viewId?: string;
}

export interface ResponseTarget {
  id: string;
  userId: string;
  channelId?: string;
  /** The message the interaction came from (replace_original / delete_original target). */
  messageTs?: string;
  ephemeral?: boolean;
  issuedAt: number;
  uses: number;
}

export interface Usergroup {
  id: string;
  handle: string;
  users: string[];
}

/** One simulated workspace: users, channels, messages, views, triggers, files. */
export class State {
  readonly users = new Map<string, DoubleUser>();
  readonly channels = new Map<string, ChannelRecord>();
  readonly ephemerals: EphemeralMessage[] = [];
  readonly views = new Map<string, StoredView>();
  /** userId -> open modal stack (root first). */
  readonly modalStacks = new Map<string, string[]>();
  readonly homeByUser = new Map<string, string>();
  readonly triggers = new Map<string, Trigger>();
  readonly responseTargets = new Map<string, ResponseTarget>();
  readonly files = new Map<string, StoredFile>();
  readonly usergroups = new Map<string, Usergroup>();
  private readonly dmByUser = new Map<string, string>();

  constructor(
    readonly identity: Identity,
    readonly ids: Ids,
    readonly now: () => number,
  ) {
    this.users.set(identity.botUserId, {
      id: identity.botUserId,
      name: identity.botName,
      isBot: true,
      realName: 'Loopkeeper',
    });
  }

  addUser(u: DoubleUser): void {
    this.users.set(u.id, { ...u });
  }

  addChannel(c: DoubleChannel): ChannelRecord {
    const existing = this.channels.get(c.id);
    const record: ChannelRecord = {
      isPrivate: false,
      isMember: true,
      isArchived: false,
      isIm: false,
      ...c,
      messages: existing?.messages ?? [],
      created: existing?.created ?? Math.floor(this.now() / 1000),
    };
    this.channels.set(c.id, record);
    if (record.isIm && record.user) this.dmByUser.set(record.user, record.id);
    return record;
  }

  isUserId(id: string): boolean {
    return this.users.has(id) && !this.channels.has(id);
  }

  /** The bot's DM channel with a user, created on first use. */
  dmFor(userId: string): ChannelRecord {
    const existing = this.dmByUser.get(userId);
    if (existing) {
      const ch = this.channels.get(existing);
      if (ch) return ch;
    }
    const id = this.ids.next('D');
    this.dmByUser.set(userId, id);
    return this.addChannel({ id, name: id, isIm: true, isPrivate: true, isMember: true, user: userId });
  }

  /** Looks up a channel by id; a user id resolves to the bot's DM with that user. */
  findChannel(idOrUser: string): ChannelRecord | undefined {
    if (this.isUserId(idOrUser)) return this.dmFor(idOrUser);
    return this.channels.get(idOrUser);
  }

  /** Slack's rules for posting: returns the channel or the error code chat.postMessage would return. */
  postable(channelArg: unknown): { channel: ChannelRecord } | { error: string } {
    if (typeof channelArg !== 'string' || channelArg === '') return { error: 'channel_not_found' };
    if (this.isUserId(channelArg)) {
      const user = this.users.get(channelArg);
      if (user?.isBot) return { error: 'cannot_dm_bot' };
      if (user?.deleted) return { error: 'user_disabled' };
      return { channel: this.dmFor(channelArg) };
    }
    const ch = this.channels.get(channelArg);
    if (!ch) return { error: 'channel_not_found' };
    if (ch.isMember === false && (ch.isPrivate || ch.isIm)) return { error: 'channel_not_found' };
    if (ch.isArchived) return { error: 'is_archived' };
    if (ch.isMember === false) return { error: 'not_in_channel' };
    return { channel: ch };
  }

  /** Slack's rules for reading a conversation (info, members, history). */
  readable(channelArg: unknown): { channel: ChannelRecord } | { error: string } {
    if (typeof channelArg !== 'string' || channelArg === '') return { error: 'channel_not_found' };
    const ch = this.channels.get(channelArg);
    if (!ch) return { error: 'channel_not_found' };
    if (ch.isMember === false && (ch.isPrivate || ch.isIm)) return { error: 'channel_not_found' };
    return { channel: ch };
  }

  /** Human members (plus the bot if it is a member). */
  membersOf(ch: ChannelRecord): string[] {
    const { botUserId } = this.identity;
    if (ch.isIm) return [ch.user ?? '', botUserId].filter(Boolean);
    const humans = ch.members ?? [...this.users.values()].filter((u) => !u.isBot && !u.deleted).map((u) => u.id);
    const members = humans.filter((id) => id !== botUserId);
    if (ch.isMember !== false) members.push(botUserId);
    return members;
  }

  findMessage(channelId: string, ts: string): PostedMessage | undefined {
    return this.channels.get(channelId)?.messages.find((m) => m.ts === ts);
  }

  findEphemeral(channelId: string, ts: string): EphemeralMessage | undefined {
    return this.ephemerals.find((m) => m.channel === channelId && m.ts === ts && !m.deleted);
  }

  issueTrigger(userId: string, viewId?: string, id?: string): string {
    const trigger: Trigger = { id: id ?? this.ids.trigger(), userId, issuedAt: this.now(), used: false };
    if (viewId) trigger.viewId = viewId;
    this.triggers.set(trigger.id, trigger);
    return trigger.id;
  }

  issueResponseUrl(baseUrl: string, target: Omit<ResponseTarget, 'id' | 'issuedAt' | 'uses'>): string {
    const id = this.ids.uuid();
    this.responseTargets.set(id, { ...target, id, issuedAt: this.now(), uses: 0 });
    return `${baseUrl}/respond/${id}`;
  }

  isOpenModal(viewId: string): boolean {
    for (const stack of this.modalStacks.values()) if (stack.includes(viewId)) return true;
    return false;
  }

  openModals(userId?: string): StoredView[] {
    const out: StoredView[] = [];
    for (const [uid, stack] of this.modalStacks) {
      if (userId !== undefined && uid !== userId) continue;
      for (const id of stack) {
        const v = this.views.get(id);
        if (v) out.push(v);
      }
    }
    return out;
  }
}
