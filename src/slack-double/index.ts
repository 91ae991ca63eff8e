import { randomBytes } from 'node:crypto';
import { Faults } from './faults.js';
import {
  HttpDeliverer,
  type HttpDelivery,
  HttpDeliveryError,
  type HttpDeliveryOptions,
  type RetryReason,
  slackSignature,
  type Tamper,
} from './http-delivery.js';
import { digits, Ids } from './ids.js';
import type { BlockActionParams } from './interactions/actions.js';
import type { SlashCommandParams } from './interactions/commands.js';
import { VERIFICATION_TOKEN } from './interactions/common.js';
import type { ViewSubmissionParams } from './interactions/views.js';
import { CODE_TTL_MS, matchesRedirectUrl, OAuthServer } from './oauth.js';
import { authorizeUrlOf, browserGet, type PageResponse } from './oauth-browser.js';
import { Platform, ROTATING_TOKEN_SECONDS } from './platform.js';
import { Recorder } from './recorder.js';
import { DoubleHttpServer } from './server.js';
import { type OutgoingEnvelope, SocketModeServer } from './socket-mode.js';
import type { ChannelRecord, State, Usergroup } from './state.js';
import type {
  ChannelRateLimit,
  DoubleChannel,
  DoubleUser,
  EphemeralMessage,
  Fault,
  PostedMessage,
  RecordedCall,
  StoredFile,
  StoredView,
} from './types.js';
import { type CanvasStore, canvasStoreOf } from './web-api/canvases.js';
import { type InstallOptions, Workspace, type WorkspaceOptions } from './workspace.js';

export type {
  BlockActionParams,
  ChannelRateLimit,
  DoubleChannel,
  DoubleUser,
  EphemeralMessage,
  Fault,
  HttpDelivery,
  HttpDeliveryOptions,
  InstallOptions,
  PageResponse,
  PostedMessage,
  RecordedCall,
  RetryReason,
  SlashCommandParams,
  StoredFile,
  StoredView,
  Tamper,
  Usergroup,
  ViewSubmissionParams,
  WorkspaceOptions,
};
export { CODE_TTL_MS, HttpDeliveryError, matchesRedirectUrl, ROTATING_TOKEN_SECONDS, slackSignature, Workspace };

export interface SlackDoubleOptions {
  /** How long a trigger_id stays valid (Slack: 3 s). Default 3000. */
  triggerWindowMs?: number;
  /** The default workspace's id. Default 'T0TEST'. */
  teamId?: string;
  /** The default workspace's name. Default 'Loopkeeper Test'. */
  teamName?: string;
  /** Interval of server ws pings (the SocketModeClient reconnects if it sees none for 30 s). Default 5000. */
  pingIntervalMs?: number;
  /** Clock for trigger expiry, message ts, rate limits, OAuth codes, token expiry and `RecordedCall.at`. Default Date.now. */
  now?: () => number;
  /** How long the app has to ack an envelope (Slack: 3 s). Default 3000. */
  ackTimeoutMs?: number;
  /** The app's Client ID / Client Secret (Basic Information > App Credentials). Default generated. */
  clientId?: string;
  clientSecret?: string;
}

/** How the double delivers what simulated users do: to a Socket Mode client, or as signed HTTP requests. */
export type SlackTransport = 'socket' | 'http';

/** A user-facing param set that may name the workspace the person is in. */
type InWorkspace = { teamId?: string };

/** What `double.oauth.installViaBrowser()` saw, page by page. */
export interface BrowserInstall {
  /** The app's install page (GET installUrl): the "Add to Slack" page, or a redirect for a direct install. */
  installPage: PageResponse;
  /** The authorize URL the page pointed to. */
  authorizeUrl: string;
  /** Where Slack sent the browser back (redirect_uri with code+state, or error=access_denied+state). */
  redirectUrl: string;
  /** The app's answer to that redirect (its OAuth callback), fetched with the install page's cookies. */
  callback: PageResponse;
  /** The temporary code (undefined when denied). */
  code?: string;
}

/**
 * Slack's OAuth v2 side for the app: the authorize page a person approves or cancels, the app's Redirect URLs and
 * token rotation setting. `oauth.v2.access` and `apps.uninstall` are Web API methods of the double.
 */
export class DoubleOAuth {
  constructor(
    private readonly server: OAuthServer,
    private readonly platform: Platform,
  ) {}

  /** The app's Client ID (Basic Information > App Credentials). */
  get clientId(): string {
    return this.platform.app.clientId;
  }

  get clientSecret(): string {
    return this.platform.app.clientSecret;
  }

  /** The app's Redirect URLs (OAuth & Permissions). Empty (default): any redirect_uri the app sends is accepted. */
  get redirectUrls(): string[] {
    return [...this.server.redirectUrls];
  }

  setRedirectUrls(urls: string[]): void {
    this.server.redirectUrls = [...urls];
  }

  /**
   * A person of workspace `teamId` opens `authorizeUrl` (what the app's "Add to Slack" links to) and clicks Allow.
   * Returns where Slack redirects them: `redirect_uri?code=…&state=…`. Throws where Slack's authorize page would
   * show an error (wrong client_id, no scope, a redirect_uri not matching the Redirect URLs, the v1 URL).
   */
  approve(p: { authorizeUrl: string; teamId: string; userId: string }): {
    redirectUrl: string;
    code: string;
    state: string | undefined;
  } {
    return this.server.approve(p);
  }

  /** The person clicks Cancel: `redirect_uri?error=access_denied&state=…`. */
  deny(p: { authorizeUrl: string }): { redirectUrl: string; state: string | undefined } {
    return this.server.deny(p);
  }

  /**
   * Turns on token rotation: installs from now on get an expiring access token (`xoxe.xoxb-1-…`) and a refresh token
   * (`xoxe-1-…`), `expires_in` 43200 s (12 hours) unless `expiresInSeconds` says otherwise (shorter lets a test see
   * Bolt's InstallProvider refresh, which it does within 2 hours of expiry). As on Slack, it cannot be turned off.
   */
  enableTokenRotation(opts: { expiresInSeconds?: number } = {}): void {
    this.server.enableTokenRotation(opts.expiresInSeconds ?? ROTATING_TOKEN_SECONDS);
  }

  get tokenRotation(): boolean {
    return this.platform.rotation !== undefined;
  }

  /**
   * The whole install as the installer's browser goes through it: GET the app's install page (`/slack/install`), follow
   * its "Add to Slack" link (or direct-install redirect) to Slack's authorize page, Allow (or Cancel with
   * `deny: true`) as `userId` of `teamId`, then GET the redirect back to the app with the cookies the install page
   * set (Bolt's state cookie). Resolves with every page; the app's OAuth callback answer is `callback`.
   */
  async installViaBrowser(p: {
    installUrl: string;
    teamId?: string;
    userId?: string;
    deny?: boolean;
  }): Promise<BrowserInstall> {
    const installPage = await browserGet(p.installUrl);
    const authorizeUrl = authorizeUrlOf(installPage);
    if (!authorizeUrl) {
      throw new Error(
        `${p.installUrl} answered HTTP ${installPage.status} without an "Add to Slack" link to https://slack.com/oauth/v2/authorize: ${installPage.body.slice(0, 300)}`,
      );
    }
    let redirectUrl: string;
    let code: string | undefined;
    if (p.deny) {
      redirectUrl = this.server.deny({ authorizeUrl }).redirectUrl;
    } else {
      if (!p.teamId || !p.userId) throw new Error('installViaBrowser: teamId and userId say who clicks Allow.');
      ({ redirectUrl, code } = this.server.approve({ authorizeUrl, teamId: p.teamId, userId: p.userId }));
    }
    const callback = await browserGet(redirectUrl, installPage.cookies);
    const result: BrowserInstall = { installPage, authorizeUrl, redirectUrl, callback };
    if (code) result.code = code;
    return result;
  }
}

/**
 * A loopback Slack: Web API at `apiUrl`, Socket Mode over ws://127.0.0.1 (or HTTP delivery to the app's request URL),
 * OAuth v2, any number of workspaces and their simulated users. See README.md in this folder.
 */
export class SlackDouble {
  readonly apiUrl: string;
  readonly baseUrl: string;
  /** The default workspace's bot token (installed from the start, never rotated). */
  readonly botToken: string;
  readonly appToken: string;
  /** The app's Signing Secret (Basic Information -> Signing Secret): HTTP deliveries are signed with it. */
  readonly signingSecret = randomBytes(16).toString('hex');
  /** The default workspace. */
  readonly teamId: string;
  readonly botUserId: string;
  readonly botId: string;
  readonly appId: string;
  /** Slack's OAuth side: approve / deny the authorize page, Redirect URLs, token rotation. */
  readonly oauth: DoubleOAuth;
  private httpDeliverer: HttpDeliverer | undefined;
  private readonly deliveries: HttpDelivery[] = [];
  private readonly handles = new Map<string, Workspace>();
  private readonly defaultWorkspace: Workspace;
  private readonly background = new Set<Promise<void>>();

  private constructor(
    private readonly platform: Platform,
    private readonly oauthServer: OAuthServer,
    private readonly recorder: Recorder,
    private readonly faults: Faults,
    private readonly socket: SocketModeServer,
    private readonly http: DoubleHttpServer,
    port: number,
    private readonly ackTimeoutMs: number,
  ) {
    const { identity } = platform.defaultState;
    this.baseUrl = `http://127.0.0.1:${port}`;
    this.apiUrl = `${this.baseUrl}/api/`;
    this.botToken = platform.installation(identity.teamId)?.bot.token as string;
    this.appToken = platform.app.appToken;
    this.teamId = identity.teamId;
    this.botUserId = identity.botUserId;
    this.botId = identity.botId;
    this.appId = identity.appId;
    this.oauth = new DoubleOAuth(oauthServer, platform);
    this.defaultWorkspace = this.handleFor(identity.teamId);
  }

  static async start(opts: SlackDoubleOptions = {}): Promise<SlackDouble> {
    const now = opts.now ?? Date.now;
    const ids = new Ids(now);
    const appId = 'A0LOOPAPP';
    const platform = new Platform(
      {
        appId,
        appToken: ids.token('xapp-test'),
        clientId: opts.clientId ?? `${digits(10)}.${digits(12)}`,
        clientSecret: opts.clientSecret ?? randomBytes(16).toString('hex'),
      },
      ids,
      now,
      {
        teamId: opts.teamId ?? 'T0TEST',
        teamDomain: 'loopkeeper-test',
        teamName: opts.teamName ?? 'Loopkeeper Test',
        botUserId: 'U0LOOPBOT',
        botId: 'B0LOOPBOT',
        botName: 'loopkeeper',
        appId,
      },
    );
    // The default workspace is installed from the start (a single-workspace app's token from the app settings).
    platform.install(platform.defaultTeamId, { botScopes: [], botToken: ids.token('xoxb-test') });
    const oauthServer = new OAuthServer(platform);
    const recorder = new Recorder();
    const faults = new Faults(now);
    let port = 0;
    let double: SlackDouble | undefined;
    const socket = new SocketModeServer({
      appId,
      ids,
      pingIntervalMs: opts.pingIntervalMs ?? 5000,
      ackTimeoutMs: opts.ackTimeoutMs ?? 3000,
      wsBase: () => `ws://127.0.0.1:${port}`,
    });
    const http = new DoubleHttpServer({
      platform,
      oauth: oauthServer,
      recorder,
      faults,
      socket,
      triggerWindowMs: opts.triggerWindowMs ?? 3000,
      baseUrl: () => `http://127.0.0.1:${port}`,
      uninstall: (teamId) => double?.uninstallInBackground(teamId),
    });
    port = await http.listen();
    double = new SlackDouble(platform, oauthServer, recorder, faults, socket, http, port, opts.ackTimeoutMs ?? 3000);
    return double;
  }

  private handleFor(teamId: string): Workspace {
    const existing = this.handles.get(teamId);
    if (existing) return existing;
    const state = this.platform.workspace(teamId);
    if (!state) {
      const known = this.platform.workspaces.map((s) => s.identity.teamId).join(', ');
      throw new Error(
        `Unknown workspace ${teamId} (workspaces: ${known}): call double.addWorkspace({ teamId: '${teamId}', name }) first.`,
      );
    }
    const handle = new Workspace(state, {
      platform: this.platform,
      oauth: this.oauthServer,
      recorder: this.recorder,
      faults: this.faults,
      baseUrl: this.baseUrl,
      deliver: (envelope) => this.deliver(envelope),
    });
    this.handles.set(teamId, handle);
    return handle;
  }

  private deliver(envelope: OutgoingEnvelope): Promise<any> {
    return this.httpDeliverer ? this.httpDeliverer.send(envelope) : this.socket.send(envelope);
  }

  /** The workspace a simulated user's params name (`teamId` of a known workspace), else the default one. */
  private routed(p: InWorkspace): Workspace {
    return p.teamId !== undefined && this.platform.workspace(p.teamId)
      ? this.handleFor(p.teamId)
      : this.defaultWorkspace;
  }

  // ---- workspaces ----

  /**
   * Adds a workspace (not installed: install it through OAuth, or `ws.install()`). Its people, channels, messages,
   * views and calls are its own: its tokens see nothing of other workspaces.
   */
  addWorkspace(opts: WorkspaceOptions): Workspace {
    const ids = this.platform.ids;
    this.platform.addWorkspace({
      teamId: opts.teamId,
      teamName: opts.name,
      teamDomain:
        opts.domain ??
        opts.name
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-|-$/g, ''),
      ...(opts.enterpriseId ? { enterpriseId: opts.enterpriseId, enterpriseName: opts.enterpriseName ?? '' } : {}),
      botUserId: opts.botUserId ?? ids.next('U'),
      botId: opts.botId ?? ids.next('B'),
      botName: 'loopkeeper',
      appId: this.appId,
    });
    return this.handleFor(opts.teamId);
  }

  /** The canvases of a workspace (default: the default one): their sections, its plan, deletion, scopes. */
  canvases(teamId: string = this.teamId): CanvasStore {
    this.handleFor(teamId); // throws the usual error for an unknown workspace
    return canvasStoreOf(this.platform.workspace(teamId) as State);
  }

  /** A workspace by id (the default one too). */
  workspace(teamId: string): Workspace {
    return this.handleFor(teamId);
  }

  /** Every workspace, the default one first. */
  get workspaces(): Workspace[] {
    return this.platform.workspaces.map((s) => this.handleFor(s.identity.teamId));
  }

  /**
   * Someone removes the app from workspace `teamId` (default: the default workspace): its tokens are revoked
   * (`token_revoked`), then `tokens_revoked` and `app_uninstalled` are delivered. Resolves once the app acked both.
   */
  uninstall(teamId: string = this.teamId): Promise<void> {
    return this.handleFor(teamId).uninstall();
  }

  /** apps.uninstall: revoked at once, the events sent right after the response (delivery failures are dropped). */
  private uninstallInBackground(teamId: string): void {
    const state = this.platform.workspace(teamId);
    const revoked = this.platform.uninstall(teamId);
    if (!state || !revoked) return;
    const handle = this.handleFor(teamId);
    const delivery = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => handle.deliverUninstallEvents(revoked))
      .catch(() => {
        // the app may be gone (it uninstalled itself on its way out): Slack just gives up after its retries
      })
      .finally(() => this.background.delete(delivery));
    this.background.add(delivery);
  }

  // ---- recorded calls & violations ----

  get calls(): RecordedCall[] {
    return this.recorder.calls;
  }

  get violations(): string[] {
    return this.recorder.violations;
  }

  callsTo(method: string): RecordedCall[] {
    return this.recorder.callsTo(method);
  }

  /** Calls `listener` after every Web API call and violation from now on (in any workspace); returns the unsubscribe. */
  onActivity(listener: () => void): () => void {
    return this.recorder.subscribe(listener);
  }

  waitForCall(method: string, predicate?: (c: RecordedCall) => boolean, timeoutMs?: number): Promise<RecordedCall> {
    return this.recorder.waitForCall(method, predicate, timeoutMs);
  }

  /** Waits for a Socket Mode client; with HTTP delivery there is nothing to connect, so it resolves at once. */
  waitForConnection(timeoutMs = 10_000): Promise<void> {
    if (this.httpDeliverer) return Promise.resolve();
    return this.socket.waitForConnection(timeoutMs);
  }

  /** Whether a Socket Mode client is connected right now. */
  get connected(): boolean {
    return this.socket.connected;
  }

  // ---- HTTP delivery (the app runs Bolt's HTTPReceiver instead of Socket Mode) ----

  /** Where simulated users' commands, clicks, submissions and events go: 'socket' (default) or 'http'. */
  get transport(): SlackTransport {
    return this.httpDeliverer ? 'http' : 'socket';
  }

  /**
   * From now on, deliver as Slack's HTTP delivery does: signed POSTs to `requestUrl` (slash commands form-encoded,
   * interactivity as `payload=<json>`, events as JSON `event_callback`); the HTTP response is the ack. Like Slack when
   * the Events request URL is saved, it first sends `url_verification` and throws unless the challenge comes back
   * (`verify: false` skips that). Call it again when the app's URL changes (a restart on a new port).
   */
  async deliverOverHttp(options: HttpDeliveryOptions): Promise<void> {
    const deliverer = new HttpDeliverer(
      { ...options, signingSecret: options.signingSecret ?? this.signingSecret },
      this.ackTimeoutMs,
      this.recorder,
      this.deliveries,
    );
    if (options.verify !== false) {
      const challenge = randomBytes(24).toString('base64url');
      const result = await deliverer.verifyUrl(VERIFICATION_TOKEN, challenge);
      if (!result.ok) {
        throw new Error(
          `Your URL didn't respond with the value of the challenge parameter (${options.requestUrl} answered ` +
            `HTTP ${result.status ?? 'nothing'}${result.body ? `: ${result.body.slice(0, 200)}` : ''}).`,
        );
      }
    }
    this.httpDeliverer = deliverer;
  }

  /** Back to Socket Mode delivery (the default). */
  deliverOverSocket(): void {
    this.httpDeliverer = undefined;
  }

  /** Every HTTP delivery so far (url_verification, envelopes, retries, tampered ones), oldest first. */
  get httpDeliveries(): HttpDelivery[] {
    return this.deliveries;
  }

  /**
   * The next HTTP delivery goes out with a forged / missing signature or a stale (6-minute-old) timestamp; the
   * simulated user's call then rejects with an `HttpDeliveryError` carrying the app's status (401 expected).
   */
  tamperNext(tamper: Tamper): void {
    this.requireHttp('tamperNext').tamperNext(tamper);
  }

  /**
   * Slack retrying an Events API delivery (default: the last event delivered): same body and `event_id`, fresh
   * signature, `X-Slack-Retry-Num` / `X-Slack-Retry-Reason`. Resolves with the retry's delivery once the app answers 200.
   */
  retryEvent(options: { delivery?: HttpDelivery; num?: number; reason?: RetryReason } = {}): Promise<HttpDelivery> {
    const deliverer = this.requireHttp('retryEvent');
    const original =
      options.delivery ??
      [...deliverer.deliveries].reverse().find((d) => d.kind === 'events_api' && !d.retryNum && !d.tamper);
    if (!original) throw new Error('retryEvent: no Events API delivery to retry yet (send one with event()).');
    return deliverer.retry(original, { num: options.num, reason: options.reason });
  }

  private requireHttp(what: string): HttpDeliverer {
    if (!this.httpDeliverer) {
      throw new Error(`${what} needs HTTP delivery: call double.deliverOverHttp({ requestUrl }) first.`);
    }
    return this.httpDeliverer;
  }

  // ---- the default workspace (every workspace: double.workspace(teamId)) ----

  addUser(u: DoubleUser): void {
    this.defaultWorkspace.addUser(u);
  }

  addChannel(c: DoubleChannel): void {
    this.defaultWorkspace.addChannel(c);
  }

  /** Extra: a user group for usergroups.users.list. */
  addUsergroup(g: Usergroup): void {
    this.defaultWorkspace.addUsergroup(g);
  }

  /** A channel and the messages in it (a user id resolves to the bot's DM with that user). */
  channel(id: string): (DoubleChannel & { messages: PostedMessage[] }) | undefined {
    return this.defaultWorkspace.channel(id);
  }

  /** Extra: the bot's DM channel with a user (created on first use, like conversations.open). */
  dmChannel(userId: string): ChannelRecord {
    return this.defaultWorkspace.dmChannel(userId);
  }

  /** Ephemeral messages shown to a user (chat.postEphemeral, response_url, slash-command ack), oldest first. */
  ephemeralsFor(userId: string, opts: { includeDeleted?: boolean } = {}): EphemeralMessage[] {
    return this.defaultWorkspace.ephemeralsFor(userId, opts);
  }

  /** Views currently open (modal stacks), root first. */
  openViews(userId?: string): StoredView[] {
    return this.defaultWorkspace.openViews(userId);
  }

  /** Extra: the top-most open modal for a user (what the user is looking at). */
  topView(userId: string): StoredView | undefined {
    return this.defaultWorkspace.topView(userId);
  }

  /** Extra: any view ever opened/published, by id (also closed ones). */
  view(viewId: string): StoredView | undefined {
    return this.defaultWorkspace.view(viewId);
  }

  publishedHome(userId: string): StoredView | undefined {
    return this.defaultWorkspace.publishedHome(userId);
  }

  /** Extra: uploaded files (files.getUploadURLExternal + upload + files.completeUploadExternal). */
  files(): StoredFile[] {
    return this.defaultWorkspace.files();
  }

  /** Extra: builds view_submission state.values from `{ action_id: simpleValue }` for an open view. */
  stateValues(viewId: string, simple: Record<string, unknown>): Record<string, Record<string, any>> {
    return this.defaultWorkspace.stateValues(viewId, simple);
  }

  // ---- simulated users (in the default workspace, or the workspace `teamId` names) ----

  slashCommand(p: SlashCommandParams): Promise<{ ack: any; triggerId: string; responseUrl: string }> {
    return this.routed(p).slashCommand(p);
  }

  blockAction(p: BlockActionParams & InWorkspace): Promise<{ ack: any; triggerId: string }> {
    return this.routed(p).blockAction(p);
  }

  viewSubmission(p: ViewSubmissionParams & InWorkspace): Promise<{ ack: any }> {
    return this.routed(p).viewSubmission(p);
  }

  /** Extra: submit with a simple `{ action_id: value }` map (see stateValues). */
  submitView(p: {
    userId: string;
    viewId: string;
    values?: Record<string, unknown>;
    skipClientValidation?: boolean;
    teamId?: string;
  }): Promise<{ ack: any }> {
    return this.routed(p).submitView(p);
  }

  viewClosed(p: {
    userId: string;
    viewId: string;
    isCleared?: boolean;
    teamId?: string;
  }): Promise<{ ack: any; notified: boolean }> {
    return this.routed(p).viewClosed(p);
  }

  /** An Events API event; `teamId` (not sent) picks the workspace it happens in. */
  event(p: { type: string; teamId?: string; [k: string]: any }): Promise<void> {
    const { teamId, ...event } = p;
    return this.routed({ teamId }).event(event as { type: string });
  }

  // ---- faults ----

  /** The next `times` calls to `method`, in any workspace, fail (`double.workspace(id).failNext` for one workspace). */
  failNext(method: string, fault: Fault, times = 1): void {
    this.faults.failNext(method, fault, times);
  }

  /** Per-channel chat.postMessage rate limit (token bucket, each workspace's own); pass undefined to turn it off. */
  setChannelRateLimit(limit: ChannelRateLimit | undefined): void {
    this.faults.setChannelRateLimit(limit);
  }

  /** Terminates all Socket Mode connections abruptly; the SocketModeClient reconnects via apps.connections.open. */
  dropSockets(): void {
    this.socket.dropAll();
  }

  /** Extra: sends Slack's `disconnect` message (e.g. 'refresh_requested'); the client closes and reconnects. */
  sendDisconnect(reason: 'warning' | 'refresh_requested' | 'link_disabled' = 'refresh_requested'): void {
    this.socket.sendDisconnect(reason);
  }

  async stop(): Promise<void> {
    await Promise.allSettled([...this.background]);
    this.recorder.close();
    await this.socket.close();
    await this.http.close();
  }
}
