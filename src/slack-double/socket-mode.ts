import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import type { Ids } from './ids.js';

export type EnvelopeType = 'slash_commands' | 'interactive' | 'events_api';

export interface OutgoingEnvelope {
  type: EnvelopeType;
  payload: Record<string, any>;
  accepts_response_payload: boolean;
  /** Human description for error messages, e.g. "slash command /loop". */
  describe: string;
}

interface Connection {
  ws: WebSocket;
  id: number;
  helloSent: boolean;
  pingTimer?: NodeJS.Timeout;
}

interface PendingAck {
  resolve: (payload: any) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
}

export interface SocketModeOptions {
  appId: string;
  ids: Ids;
  pingIntervalMs: number;
  ackTimeoutMs: number;
  /** ws://127.0.0.1:PORT */
  wsBase: () => string;
}

const LINK_PATH = '/socket-mode/link';

/**
 * Slack's Socket Mode side: one-time connection URLs, hello / disconnect messages, server pings,
 * envelopes out and acks (`{ envelope_id, payload }`) back.
 */
export class SocketModeServer {
  private readonly wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  private readonly tickets = new Set<string>();
  private readonly connections = new Set<Connection>();
  private readonly pending = new Map<string, PendingAck>();
  private readonly connectWaiters = new Map<() => void, (e: Error) => void>();
  private nextId = 1;
  private stopped = false;

  constructor(private readonly opts: SocketModeOptions) {}

  /** apps.connections.open: a fresh single-use URL. */
  issueUrl(): string {
    const ticket = this.opts.ids.uuid();
    this.tickets.add(ticket);
    return `${this.opts.wsBase()}${LINK_PATH}/?ticket=${ticket}&app_id=${this.opts.appId}`;
  }

  handles(req: IncomingMessage): boolean {
    return (req.url ?? '').startsWith(LINK_PATH);
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const ticket = url.searchParams.get('ticket') ?? '';
    if (this.stopped || !this.tickets.delete(ticket)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws));
  }

  private onConnection(ws: WebSocket): void {
    const conn: Connection = { ws, id: this.nextId++, helloSent: false };
    this.connections.add(conn);
    ws.on('message', (data, isBinary) => {
      if (!isBinary) this.onMessage(data.toString());
    });
    ws.on('error', () => {
      // connection resets are expected when sockets are dropped
    });
    ws.on('close', () => {
      clearInterval(conn.pingTimer);
      this.connections.delete(conn);
    });
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: this.connections.size,
        debug_info: { host: 'applink-double-1', build_number: 1, approximate_connection_time: 18060 },
        connection_info: { app_id: this.opts.appId },
      }),
    );
    conn.helloSent = true;
    ws.ping();
    conn.pingTimer = setInterval(() => {
      if (ws.readyState === ws.OPEN) ws.ping();
    }, this.opts.pingIntervalMs);
    conn.pingTimer.unref();
    for (const w of [...this.connectWaiters.keys()]) w();
  }

  private onMessage(raw: string): void {
    let msg: any;
    try {
      msg = JSON.parse(raw);
    } catch {
      return;
    }
    const id = msg?.envelope_id;
    const pending = typeof id === 'string' ? this.pending.get(id) : undefined;
    if (!pending) return;
    this.pending.delete(id);
    clearTimeout(pending.timer);
    const payload = msg.payload;
    const empty =
      payload === undefined || payload === null || (typeof payload === 'object' && Object.keys(payload).length === 0);
    pending.resolve(empty ? undefined : payload);
  }

  private active(): Connection | undefined {
    const open = [...this.connections].filter((c) => c.helloSent && c.ws.readyState === c.ws.OPEN);
    return open[open.length - 1];
  }

  get connected(): boolean {
    return this.active() !== undefined;
  }

  waitForConnection(timeoutMs: number): Promise<void> {
    if (this.connected) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const done = () => {
        if (!this.connected) return;
        clearTimeout(timer);
        this.connectWaiters.delete(done);
        resolve();
      };
      const timer = setTimeout(() => {
        this.connectWaiters.delete(done);
        reject(
          new Error(
            `No Socket Mode client connected within ${timeoutMs} ms. Is the Bolt App started with socketMode: true, ` +
              'appToken: double.appToken and clientOptions: { slackApiUrl: double.apiUrl }? ' +
              '(after dropSockets(), the SocketModeClient waits ~5 s (clientPingTimeout) before reconnecting)',
          ),
        );
      }, timeoutMs);
      this.connectWaiters.set(done, (e) => {
        clearTimeout(timer);
        reject(e);
      });
    });
  }

  /** Sends an envelope and resolves with the ack payload (undefined for an empty ack). */
  send(envelope: OutgoingEnvelope): Promise<any> {
    const conn = this.active();
    if (!conn) {
      return Promise.reject(
        new Error(
          `Cannot deliver ${envelope.describe}: no Socket Mode client is connected (await double.waitForConnection() first).`,
        ),
      );
    }
    const envelopeId = this.opts.ids.uuid();
    const message: Record<string, any> = {
      envelope_id: envelopeId,
      payload: envelope.payload,
      type: envelope.type,
      accepts_response_payload: envelope.accepts_response_payload,
    };
    if (envelope.type === 'events_api') {
      message.retry_attempt = 0;
      message.retry_reason = '';
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(envelopeId);
        reject(
          new Error(
            `The app did not ack ${envelope.describe} (envelope ${envelopeId}) within ${this.opts.ackTimeoutMs} ms — ` +
              "Slack's 3 s budget; the user would see an error. Call ack() before doing slow work.",
          ),
        );
      }, this.opts.ackTimeoutMs);
      this.pending.set(envelopeId, { resolve, reject, timer });
      conn.ws.send(JSON.stringify(message), (err) => {
        if (!err) return;
        clearTimeout(timer);
        this.pending.delete(envelopeId);
        reject(new Error(`Failed to send ${envelope.describe} over the socket: ${err.message}`));
      });
    });
  }

  /** Sends Slack's `disconnect` message; a well-behaved client closes and reconnects. */
  sendDisconnect(reason: 'warning' | 'refresh_requested' | 'link_disabled'): void {
    for (const c of this.connections) {
      c.ws.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'applink-double-1' } }));
    }
  }

  /** Abruptly terminates every connection (TCP reset, no close frame). */
  dropAll(): void {
    for (const c of this.connections) {
      clearInterval(c.pingTimer);
      c.ws.terminate();
    }
    this.connections.clear();
  }

  /**
   * Shuts down like a server going away: every connection gets a close frame (1001) and the double waits for the
   * client's close frame and the end of the TCP connection, as Slack's side would. A client's own close frame that is
   * still in flight (app.stop() just before double.stop()) is answered instead of cut off; stopping first with
   * terminate() would make the client see a lost connection rather than a closed one. Connections whose client does
   * not finish the handshake within CLOSE_GRACE_MS are terminated.
   */
  async close(): Promise<void> {
    this.stopped = true;
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(new Error(`Envelope ${id} was still awaiting an ack when the Slack double stopped.`));
    }
    this.pending.clear();
    for (const rejectWaiter of this.connectWaiters.values())
      rejectWaiter(new Error('waitForConnection aborted: the Slack double was stopped.'));
    this.connectWaiters.clear();
    await Promise.all([...this.connections].map((c) => closeGracefully(c)));
    this.connections.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}

/** How long a client gets to answer the double's close frame before its connection is terminated. */
const CLOSE_GRACE_MS = 2_000;

function closeGracefully(conn: Connection): Promise<void> {
  clearInterval(conn.pingTimer);
  const { ws } = conn;
  if (ws.readyState === ws.CLOSED) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => ws.terminate(), CLOSE_GRACE_MS);
    ws.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    // 1001 Going Away: the endpoint is shutting down. On a connection already CLOSING this sends nothing more.
    if (ws.readyState !== ws.CLOSING) ws.close(1001, 'going away');
  });
}
