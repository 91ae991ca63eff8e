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
import { Ids } from './ids.js';
import { type BlockActionParams, blockAction } from './interactions/actions.js';
import { type SlashCommandParams, slashCommand } from './interactions/commands.js';
import { type InteractionDeps, VERIFICATION_TOKEN } from './interactions/common.js';
import { deliverEvent } from './interactions/events.js';
import { buildStateValues } from './interactions/state-values.js';
import { type ViewSubmissionParams, viewClosed, viewSubmission } from './interactions/views.js';
import { Recorder } from './recorder.js';
import { DoubleHttpServer } from './server.js';
import { type OutgoingEnvelope, SocketModeServer } from './socket-mode.js';
import { type ChannelRecord, State, type Usergroup } from './state.js';
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

export type {
  BlockActionParams,
  ChannelRateLimit,
  DoubleChannel,
  DoubleUser,
  EphemeralMessage,
  Fault,
  HttpDelivery,
  HttpDeliveryOptions,
  PostedMessage,
  RecordedCall,
  RetryReason,
  SlashCommandParams,
  StoredFile,
  StoredView,
  Tamper,
  Usergroup,
  ViewSubmissionParams,
};
export { HttpDeliveryError, slackSignature };

export interface SlackDoubleOptions {
  /** How long a trigger_id stays valid (Slack: 3 s). Default 3000. */
  triggerWindowMs?: number;
  /** Default 'T0TEST'. */
  teamId?: string;
  /** Interval of server ws pings (the SocketModeClient reconnects if it sees none for 30 s). Default 5000. */
  pingIntervalMs?: number;
  /** Clock for trigger expiry, message ts, rate limits and `RecordedCall.at`. Default Date.now. */
  now?: () => number;
  /** How long the app has to ack an envelope (Slack: 3 s). Default 3000. */
  ackTimeoutMs?: number;
}

/** How the double delivers what simulated users do: to a Socket Mode client, or as signed HTTP requests. */
export type SlackTransport = 'socket' | 'http';

/**
 * A loopback Slack: Web API at `apiUrl`, Socket Mode over ws://127.0.0.1 (or HTTP delivery to the app's request URL),
 * and simulated users. See README.md in this folder.
 */
export class SlackDouble {
  readonly apiUrl: string;
  readonly baseUrl: string;
  readonly botToken: string;
  readonly appToken: string;
  /** The app's Signing Secret (Basic Information -> Signing Secret): HTTP deliveries are signed with it. */
  readonly signingSecret = randomBytes(16).toString('hex');
  readonly teamId: string;
  readonly botUserId: string;
  readonly botId: string;
  readonly appId: string;
  private httpDeliverer: HttpDeliverer | undefined;
  private readonly deliveries: HttpDelivery[] = [];

  private constructor(
    private readonly state: State,
    private readonly recorder: Recorder,
    private readonly faults: Faults,
    private readonly socket: SocketModeServer,
    private readonly http: DoubleHttpServer,
    port: number,
    private readonly ackTimeoutMs: number,
  ) {
    const { identity } = state;
    this.baseUrl = `http://127.0.0.1:${port}`;
    this.apiUrl = `${this.baseUrl}/api/`;
    this.botToken = identity.botToken;
    this.appToken = identity.appToken;
    this.teamId = identity.teamId;
    this.botUserId = identity.botUserId;
    this.botId = identity.botId;
    this.appId = identity.appId;
  }

  static async start(opts: SlackDoubleOptions = {}): Promise<SlackDouble> {
    const now = opts.now ?? Date.now;
    const ids = new Ids(now);
    const state = new State(
      {
        teamId: opts.teamId ?? 'T0TEST',
        teamDomain: 'loopkeeper-test',
        botUserId: 'U0LOOPBOT',
        botId: 'B0LOOPBOT',
        appId: 'A0LOOPAPP',
        botToken: ids.token('xoxb-test'),
        appToken: ids.token('xapp-test'),
      },
      ids,
      now,
    );
    const recorder = new Recorder();
    const faults = new Faults(now);
    let port = 0;
    const socket = new SocketModeServer({
      appId: state.identity.appId,
      ids,
      pingIntervalMs: opts.pingIntervalMs ?? 5000,
      ackTimeoutMs: opts.ackTimeoutMs ?? 3000,
      wsBase: () => `ws://127.0.0.1:${port}`,
    });
    const http = new DoubleHttpServer({
      state,
      recorder,
      faults,
      socket,
      triggerWindowMs: opts.triggerWindowMs ?? 3000,
      baseUrl: () => `http://127.0.0.1:${port}`,
    });
    port = await http.listen();
    return new SlackDouble(state, recorder, faults, socket, http, port, opts.ackTimeoutMs ?? 3000);
  }

  private get deps(): InteractionDeps {
    const transport = { send: (envelope: OutgoingEnvelope) => this.deliver(envelope) };
    return { state: this.state, recorder: this.recorder, socket: transport, baseUrl: this.baseUrl };
  }

  private deliver(envelope: OutgoingEnvelope): Promise<any> {
    return this.httpDeliverer ? this.httpDeliverer.send(envelope) : this.socket.send(envelope);
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

  // ---- workspace ----

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

  // ---- simulated users ----

  slashCommand(p: SlashCommandParams): Promise<{ ack: any; triggerId: string; responseUrl: string }> {
    return slashCommand(this.deps, p);
  }

  blockAction(p: BlockActionParams): Promise<{ ack: any; triggerId: string }> {
    return blockAction(this.deps, p);
  }

  viewSubmission(p: ViewSubmissionParams): Promise<{ ack: any }> {
    return viewSubmission(this.deps, p);
  }

  /** Extra: submit with a simple `{ action_id: value }` map (see stateValues). */
  submitView(p: {
    userId: string;
    viewId: string;
    values?: Record<string, unknown>;
    skipClientValidation?: boolean;
  }): Promise<{ ack: any }> {
    return viewSubmission(this.deps, {
      userId: p.userId,
      viewId: p.viewId,
      values: this.stateValues(p.viewId, p.values ?? {}),
      skipClientValidation: p.skipClientValidation,
    });
  }

  viewClosed(p: { userId: string; viewId: string; isCleared?: boolean }): Promise<{ ack: any; notified: boolean }> {
    return viewClosed(this.deps, p);
  }

  event(p: { type: string; [k: string]: any }): Promise<void> {
    return deliverEvent(this.deps, p);
  }

  // ---- faults ----

  failNext(method: string, fault: Fault, times = 1): void {
    this.faults.failNext(method, fault, times);
  }

  /** Per-channel chat.postMessage rate limit (token bucket); pass undefined to turn it off. */
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
    this.recorder.close();
    await this.socket.close();
    await this.http.close();
  }
}
