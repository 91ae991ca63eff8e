import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Faults } from './faults.js';
import { basicCredentials, bearerToken, parseArgs, parseMultipart, readBody, send } from './http.js';
import type { OAuthServer } from './oauth.js';
import type { Platform } from './platform.js';
import type { Recorder } from './recorder.js';
import { handleResponseUrl } from './respond.js';
import type { SocketModeServer } from './socket-mode.js';
import { fail } from './web-api/context.js';
import { dispatchApiCall, faultReply } from './web-api/dispatch.js';

export interface ServerDeps {
  platform: Platform;
  oauth: OAuthServer;
  recorder: Recorder;
  faults: Faults;
  socket: SocketModeServer;
  triggerWindowMs: number;
  baseUrl(): string;
  /** Uninstalls the app from a workspace (apps.uninstall). */
  uninstall(teamId: string): void;
}

/** The loopback HTTP server: /api/<method>, /respond/<id>, /upload/<file_id>, and the Socket Mode upgrade. */
export class DoubleHttpServer {
  private readonly server: Server;

  constructor(private readonly deps: ServerDeps) {
    this.server = createServer((req, res) => {
      this.route(req, res).catch((err: unknown) => {
        deps.recorder.violation('http', `the Slack double crashed: ${(err as Error).stack ?? String(err)}`);
        if (!res.headersSent) send(res, 500, 'Internal Server Error');
      });
    });
    this.server.on('upgrade', (req, socket, head) => {
      if (deps.socket.handles(req)) deps.socket.handleUpgrade(req, socket, head);
      else socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    });
  }

  listen(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve((this.server.address() as AddressInfo).port));
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const body = await readBody(req);
    if (path.startsWith('/api/')) return this.api(req, res, path.slice('/api/'.length), body);
    if (path.startsWith('/respond/')) return this.respond(res, path.slice('/respond/'.length), body);
    if (path.startsWith('/upload/')) return this.upload(req, res, path.slice('/upload/'.length), body);
    send(res, 404, 'Not Found');
  }

  private api(req: IncomingMessage, res: ServerResponse, method: string, body: Buffer): void {
    const { deps } = this;
    const parsed = parseArgs(req, body);
    if ('error' in parsed) {
      const reply = fail(parsed.error);
      deps.recorder.record({
        method,
        args: {},
        token: bearerToken(req),
        at: deps.platform.now(),
        response: reply,
        status: 200,
      });
      send(res, 200, reply);
      return;
    }
    const { args } = parsed;
    const token = bearerToken(req) ?? (typeof args.token === 'string' ? args.token : undefined);
    const reply = dispatchApiCall(
      {
        platform: deps.platform,
        oauth: deps.oauth,
        recorder: deps.recorder,
        faults: deps.faults,
        baseUrl: deps.baseUrl(),
        triggerWindowMs: deps.triggerWindowMs,
        issueSocketUrl: () => deps.socket.issueUrl(),
        uninstall: deps.uninstall,
      },
      method,
      args,
      token,
      basicCredentials(req),
    );
    send(res, reply.status, reply.body, reply.headers);
  }

  private respond(res: ServerResponse, id: string, body: Buffer): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      parsed = body.toString('utf8');
    }
    const { platform, recorder, faults } = this.deps;
    const state = platform.stateForResponseUrl(id);
    const teamId = state?.identity.teamId;
    const reply = handleResponseUrl(
      { state: state ?? platform.defaultState, recorder: recorder.forTeam(teamId), faults, teamId },
      id,
      parsed,
    );
    send(res, reply.status, reply.body, reply.headers);
  }

  /** The upload_url from files.getUploadURLExternal; accepts raw bytes or multipart. */
  private upload(req: IncomingMessage, res: ServerResponse, fileId: string, body: Buffer): void {
    const { platform, faults } = this.deps;
    const state = platform.stateForFile(fileId) ?? platform.defaultState;
    const teamId = state.files.has(fileId) ? state.identity.teamId : undefined;
    const recorder = this.deps.recorder.forTeam(teamId);
    const file = state.files.get(fileId);
    const faulted = faultReply(faults, 'file_upload', teamId);
    let status = 200;
    let response: unknown;
    if (faulted) {
      status = faulted.status;
      response = faulted.body;
    } else if (!file) {
      status = 404;
      response = 'Not Found';
    } else {
      const type = String(req.headers['content-type'] ?? '');
      const bytes = type.startsWith('multipart/form-data')
        ? (parseMultipart(type, body)[0]?.data ?? Buffer.alloc(0))
        : body;
      file.bytes = Buffer.from(bytes);
      file.uploaded = true;
      response = `OK - ${bytes.length}`;
    }
    recorder.record({
      method: 'file_upload',
      args: { file_id: fileId, bytes: file?.bytes?.length ?? 0 },
      token: bearerToken(req),
      at: state.now(),
      response,
      status,
    });
    send(res, status, response, faulted?.headers);
  }
}
