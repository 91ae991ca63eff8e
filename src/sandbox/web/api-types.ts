// The JSON the sandbox server sends its page. Types only, shared by the server (Node) and the page (DOM).

export interface SandboxPerson {
  id: string;
  name: string;
  realName: string;
  isAdmin: boolean;
  isBot: boolean;
}

export interface SandboxChannel {
  id: string;
  name: string;
  /** 'channel' for the seeded channels, 'dm' for the bot's direct messages with the person looking. */
  kind: 'channel' | 'dm';
}

export interface SandboxFile {
  id: string;
  name: string;
  title: string;
  size: number;
  url: string;
  isImage: boolean;
}

export interface SandboxMessage {
  ts: string;
  channel: string;
  user: string;
  text: string;
  blocks: unknown[];
  files: SandboxFile[];
  /** Set on a reply; equal to `ts` on a thread's parent. */
  threadTs?: string;
  /** Only the person looking sees it. */
  ephemeral: boolean;
  edited: boolean;
  replyCount: number;
  reactions: { name: string; users: string[] }[];
}

export interface SandboxModal {
  id: string;
  title: string;
  submit?: string;
  close?: string;
  callbackId: string;
  blocks: unknown[];
  /** Inline errors Loopkeeper answered the last submission with, by input block id. */
  errors: Record<string, string>;
  /** How many modals are stacked under this one. */
  depth: number;
}

export interface SandboxError {
  seq: number;
  at: string;
  /** One line a person reads: what was rejected and why. */
  message: string;
}

export interface SandboxState {
  version: number;
  workspace: { teamId: string; name: string };
  now: string;
  viewer: string;
  people: SandboxPerson[];
  channels: SandboxChannel[];
  /** Top-level messages and replies (with `threadTs`), oldest first, per channel id. */
  messages: Record<string, SandboxMessage[]>;
  /** The viewer's App Home as Loopkeeper last published it. */
  home: { id: string; blocks: unknown[] } | null;
  modal: SandboxModal | null;
  errors: SandboxError[];
  nextStop: { at: string; label: string } | null;
  demoLoaded: boolean;
}
