import type { Faults } from './faults.js';
import { type BlockActionParams, blockAction } from './interactions/actions.js';
import { type SlashCommandParams, slashCommand } from './interactions/commands.js';
import type { InteractionDeps } from './interactions/common.js';
import { deliverEvent, deliverUninstallEvents } from './interactions/events.js';
import { buildStateValues } from './interactions/state-values.js';
import { type ViewSubmissionParams, viewClosed, viewSubmission } from './interactions/views.js';
import type { OAuthServer } from './oauth.js';
import type { Platform } from './platform.js';
import type { Recorder } from './recorder.js';
import type { OutgoingEnvelope } from './socket-mode.js';
import type { ChannelRecord, State, Usergroup } from './state.js';
import type {
  DoubleChannel,
  DoubleUser,
  EphemeralMessage,
  Fault,
  PostedMessage,
  RecordedCall,
  StoredFile,
  StoredView,
} from './types.js';

/** What `double.addWorkspace()` takes. */
export interface WorkspaceOptions {
  teamId: string;
  /** The workspace's name (auth.test `team`, oauth.v2.access `team.name`). */
  name: string;
  /** Default: the name in lower case, dashes for anything else (`Acme Corp` -> `acme-corp`). */
  domain?: string;
  /** The Enterprise Grid org the workspace belongs to. */
  enterpriseId?: string;
  enterpriseName?: string;
  /** The app's bot user in this workspace; default generated (`U0DBL…` / `B0DBL…`). */
  botUserId?: string;
  botId?: string;
}

/** What one workspace handle needs from the double. */
export interface WorkspaceDeps {
  platform: Platform;
  oauth: OAuthServer;
  recorder: Recorder;
  faults: Faults;
  baseUrl: string;
  /** The app's transport (Socket Mode or HTTP delivery), whichever is in use when the user acts. */
  deliver(envelope: OutgoingEnvelope): Promise<any>;
}

/** What a direct install grants (`ws.install()`), as an "Add to Slack" would. */
export interface InstallOptions {
  /** The person installing; default the first person added to the workspace. */
  userId?: string;
  /** Bot scopes. Default `['commands', 'chat:write']`. */
  scopes?: string[];
  /** User scopes: the installer also gets a user token. */
  userScopes?: string[];
}

/**
 * One workspace of the double: its people, channels, messages, views and files, the app's installation there, the
 * Web API calls made with its tokens, and its people acting (slash commands, clicks, submissions, events), delivered
 * through whichever transport the app is connected by. `double.workspace(teamId)` returns it; the double's own
 * methods act on the default workspace.
 */
export class Workspace {
  constructor(
    private readonly state: State,
    private readonly deps: WorkspaceDeps,
  ) {}

  get teamId(): string {
    return this.state.identity.teamId;
  }

  get name(): string {
    return this.state.identity.teamName;
  }

  get domain(): string {
    return this.state.identity.teamDomain;
  }

  get enterpriseId(): string | undefined {
    return this.state.identity.enterpriseId;
  }

  /** The app's bot user in this workspace. */
  get botUserId(): string {
    return this.state.identity.botUserId;
  }

  get botId(): string {
    return this.state.identity.botId;
  }

  /** Whether the app is installed here now. */
  get installed(): boolean {
    return this.deps.platform.installation(this.teamId) !== undefined;
  }

  /** The bot token of the current installation (undefined while not installed). Rotation replaces it. */
  get botToken(): string | undefined {
    return this.deps.platform.installation(this.teamId)?.bot.token;
  }

  /** The refresh token of the current bot token (token rotation on). */
  get botRefreshToken(): string | undefined {
    return this.deps.platform.installation(this.teamId)?.bot.refreshToken;
  }

  /** The user token a person got by installing with user scopes. */
  userToken(userId: string): string | undefined {
    return this.deps.platform.installation(this.teamId)?.users.get(userId)?.token;
  }

  /**
   * Installs the app without the browser round trip (as if someone approved the authorize page and the app exchanged
   * the code). Returns the oauth.v2.access response the app would have got. For the real flow through the app's
   * install path use `double.oauth.installViaBrowser()` / `double.oauth.approve()`.
   */
  install(options: InstallOptions = {}): Record<string, any> {
    const installer =
      options.userId ?? [...this.state.users.values()].find((u) => !u.isBot && !u.deleted)?.id ?? undefined;
    if (options.userScopes?.length && !installer) throw new Error('install(): userScopes need a person (userId).');
    const installation = this.deps.platform.install(this.teamId, {
      installerUserId: installer,
      botScopes: options.scopes ?? ['commands', 'chat:write'],
      userScopes: options.userScopes,
    });
    return this.deps.oauth.accessResponse(installation, installer ?? '');
  }

  /**
   * Someone removes the app from this workspace: every token of the installation is revoked (calls answer
   * `token_revoked`), then Slack sends `tokens_revoked` and `app_uninstalled` to the app. Resolves once the app acked
   * both.
   */
  async uninstall(): Promise<void> {
    const revoked = this.deps.platform.uninstall(this.teamId);
    if (!revoked) throw new Error(`The app is not installed in workspace ${this.teamId}.`);
    await this.deliverUninstallEvents(revoked);
  }

  /** Sends `tokens_revoked` + `app_uninstalled` for tokens already revoked (used by apps.uninstall too). */
  deliverUninstallEvents(revoked: { oauth: string[]; bot: string[] }): Promise<void> {
    return deliverUninstallEvents(this.interactionDeps(false), revoked);
  }

  /** The interaction context; Slack sends nothing for a workspace the app is not installed in. */
  private interactionDeps(requireInstalled = true): InteractionDeps {
    if (requireInstalled && !this.installed) {
      throw new Error(
        `The app is not installed in workspace ${this.teamId} (${this.name}), so Slack would send the app nothing from ` +
          'there: install it first (double.oauth.installViaBrowser(), double.oauth.approve() or ws.install()).',
      );
    }
    return {
      state: this.state,
      recorder: this.deps.recorder.forTeam(this.teamId),
      socket: { send: (envelope) => this.deps.deliver(envelope) },
      baseUrl: this.deps.baseUrl,
    };
  }

  // ---- people, channels and what they show ----

  addUser(u: DoubleUser): void {
    this.state.addUser(u);
  }

  addChannel(c: DoubleChannel): void {
    this.state.addChannel(c);
  }

  /** Extra: a user group for usergroups.users.list. */
  addUsergroup(g: Usergroup): void {
    this.state.usergroups.set(g.id, { ...g, users: [...g.users] });
  }

  /** A channel and the messages in it (a user id resolves to the bot's DM with that user). */
  channel(id: string): (DoubleChannel & { messages: PostedMessage[] }) | undefined {
    return this.state.findChannel(id);
  }

  /** Extra: the bot's DM channel with a user (created on first use, like conversations.open). */
  dmChannel(userId: string): ChannelRecord {
    return this.state.dmFor(userId);
  }

  /** Ephemeral messages shown to a user (chat.postEphemeral, response_url, slash-command ack), oldest first. */
  ephemeralsFor(userId: string, opts: { includeDeleted?: boolean } = {}): EphemeralMessage[] {
    return this.state.ephemerals.filter((e) => e.user === userId && (opts.includeDeleted || !e.deleted));
  }

  /** Views currently open (modal stacks), root first. */
  openViews(userId?: string): StoredView[] {
    return this.state.openModals(userId);
  }

  /** Extra: the top-most open modal for a user (what the user is looking at). */
  topView(userId: string): StoredView | undefined {
    const views = this.state.openModals(userId);
    return views[views.length - 1];
  }

  /** Extra: any view ever opened/published, by id (also closed ones). */
  view(viewId: string): StoredView | undefined {
    return this.state.views.get(viewId);
  }

  publishedHome(userId: string): StoredView | undefined {
    const id = this.state.homeByUser.get(userId);
    return id ? this.state.views.get(id) : undefined;
  }

  /** Extra: uploaded files (files.getUploadURLExternal + upload + files.completeUploadExternal). */
  files(): StoredFile[] {
    return [...this.state.files.values()];
  }

  /** Extra: builds view_submission state.values from `{ action_id: simpleValue }` for an open view. */
  stateValues(viewId: string, simple: Record<string, unknown>): Record<string, Record<string, any>> {
    const view = this.state.views.get(viewId);
    if (!view) throw new Error(`Unknown view ${viewId}.`);
    return buildStateValues(view, simple);
  }

  // ---- its people acting (async: a refusal rejects, as a failed delivery does) ----

  async slashCommand(p: SlashCommandParams): Promise<{ ack: any; triggerId: string; responseUrl: string }> {
    return slashCommand(this.interactionDeps(), p);
  }

  async blockAction(p: BlockActionParams): Promise<{ ack: any; triggerId: string }> {
    return blockAction(this.interactionDeps(), p);
  }

  async viewSubmission(p: ViewSubmissionParams): Promise<{ ack: any }> {
    return viewSubmission(this.interactionDeps(), p);
  }

  /** Extra: submit with a simple `{ action_id: value }` map (see stateValues). */
  async submitView(p: {
    userId: string;
    viewId: string;
    values?: Record<string, unknown>;
    skipClientValidation?: boolean;
  }): Promise<{ ack: any }> {
    return viewSubmission(this.interactionDeps(), {
      userId: p.userId,
      viewId: p.viewId,
      values: this.stateValues(p.viewId, p.values ?? {}),
      skipClientValidation: p.skipClientValidation,
    });
  }

  async viewClosed(p: {
    userId: string;
    viewId: string;
    isCleared?: boolean;
  }): Promise<{ ack: any; notified: boolean }> {
    return viewClosed(this.interactionDeps(), p);
  }

  async event(p: { type: string; [k: string]: any }): Promise<void> {
    return deliverEvent(this.interactionDeps(), p);
  }

  // ---- its Web API calls ----

  /** Web API calls made with this workspace's tokens (and its response_url / upload calls), in order. */
  get calls(): RecordedCall[] {
    return this.deps.recorder.calls.filter((c) => c.teamId === this.teamId);
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** A past or future call to `method` made in this workspace. */
  waitForCall(method: string, predicate?: (c: RecordedCall) => boolean, timeoutMs?: number): Promise<RecordedCall> {
    return this.deps.recorder.waitForCall(
      method,
      (c) => c.teamId === this.teamId && (predicate ? predicate(c) : true),
      timeoutMs,
    );
  }

  /** Violations found in this workspace's calls and interactions. */
  get violations(): string[] {
    return this.deps.recorder.violationsOf(this.teamId);
  }

  /** Like `double.failNext`, for calls made in this workspace only. */
  failNext(method: string, fault: Fault, times = 1): void {
    this.deps.faults.failNext(method, fault, times, this.teamId);
  }
}
