import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type Loopkeeper, startLoopkeeper } from '../bootstrap.js';
import type { Config } from '../config.js';
import type { Logger } from '../logging/logger.js';
import { SlackDouble } from '../slack-double/index.js';
import { createSandboxClock, nextStop, type SandboxClock, type Stop } from './clock.js';
import { DEMO_WEEKS, loadDemo } from './demo.js';
import { ErrorFeed } from './errors.js';
import { SANDBOX_CHANNELS, SANDBOX_PEOPLE, SANDBOX_TEAM } from './people.js';
import { scheduledStops, tickNow } from './schedule.js';
import { channelsFor, messagesIn, modalFor, people, type Reactions } from './snapshot.js';
import type { SandboxState } from './web/api-types.js';
import { findPackageRoot, loadWebAssets, type WebAssets } from './web-assets.js';

export interface SandboxOptions {
  config: Config;
  logger: Logger;
  /** Where the page is served; default config.port. 0 picks a free port. */
  port?: number;
  /** Default config.databaseUrl (data/sandbox.sqlite). */
  databaseUrl?: string;
  /** Load the demo data set before the page opens. */
  demo?: boolean;
  /** false: no node-cron ticks (tests drive time with fast-forward). Default true. */
  schedule?: boolean;
  /** The sandbox clock's start; default the machine's time. */
  start?: Date;
}

export interface Sandbox {
  url: string;
  port: number;
  double: SlackDouble;
  app: Loopkeeper;
  clock: SandboxClock;
  /** What the page shows `viewer` (a person's user id). */
  state(viewer: string): Promise<SandboxState>;
  /** Moves the clock to the next ritual occurrence or SLA deadline and runs the scheduler there. */
  fastForward(): Promise<Stop | undefined>;
  loadDemo(): Promise<void>;
  stop(): Promise<void>;
}

/** Thrown for what a person tried that Slack would refuse; shown in the page. */
class Refused extends Error {}

/** How long the person's action waits for the work Loopkeeper started after its ack (posting, opening a modal). */
const SETTLE_MS = 10_000;

/**
 * The sandbox: the Slack double as an in-process workspace, the real Loopkeeper connected to it over Socket Mode,
 * and a page on `port` that shows the workspace and lets people act in it (src/sandbox/web).
 */
export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const { config, logger } = options;
  // A demo loaded at start walks its weeks up to about now; loaded later from the page, the clock ends that far ahead.
  const start = options.start ?? (options.demo ? new Date(Date.now() - DEMO_WEEKS * 7 * 86_400_000) : undefined);
  const clock = createSandboxClock(start);
  const root = findPackageRoot();
  const assets: WebAssets = await loadWebAssets(join(root, 'src', 'sandbox', 'web'));
  const double = await SlackDouble.start({
    teamId: SANDBOX_TEAM.teamId,
    teamName: SANDBOX_TEAM.teamName,
    now: () => clock.now().getTime(),
  });
  for (const person of SANDBOX_PEOPLE) double.addUser(person);
  for (const channel of SANDBOX_CHANNELS) double.addChannel(channel);

  const databaseUrl = options.databaseUrl ?? config.databaseUrl;
  const appConfig: Config = {
    ...config,
    sandbox: true,
    slack: {
      mode: 'socket',
      botToken: double.botToken,
      appToken: double.appToken,
      signingSecret: undefined,
      apiUrl: double.apiUrl,
    },
    // Loopkeeper's own HTTP server (/healthz, /api/...) gets a free port on loopback only; the sandbox's port
    // forwards to it.
    port: 0,
    httpHost: '127.0.0.1',
    databaseUrl,
    oauth: undefined,
  };
  let app: Loopkeeper;
  try {
    app = await startLoopkeeper(appConfig, { logger, clock: clock.now, schedule: options.schedule ?? true });
    await double.waitForConnection();
  } catch (error) {
    await double.stop();
    throw error;
  }

  const errors = new ErrorFeed(double, clock.now);
  const modalErrors = new Map<string, Record<string, string>>();
  const reactions: Reactions = new Map();
  let version = 0;
  let demoLoaded = false;
  const listeners = new Set<ServerResponse>();
  let pending = false;
  // Many calls land together (a post, its thread, an App Home refresh): the page hears once per burst.
  const changed = () => {
    if (pending) return;
    pending = true;
    setTimeout(() => {
      pending = false;
      errors.collect();
      version += 1;
      for (const res of listeners) res.write(`data: ${JSON.stringify({ version })}\n\n`);
    }, 15);
  };
  const unsubscribe = double.onActivity(changed);
  const channelName = (id: string) => SANDBOX_CHANNELS.find((c) => c.id === id)?.name ?? id;

  const upcoming = async () =>
    nextStop(await scheduledStops(app.db, clock.now(), channelName, config.defaultTimeZone), clock.now());

  const sandbox: Sandbox = {
    url: '',
    port: 0,
    double,
    app,
    clock,
    async state(viewer) {
      errors.collect();
      const channels = channelsFor(double, viewer);
      const messages: SandboxState['messages'] = {};
      for (const c of channels) messages[c.id] = messagesIn(double, c.id, viewer, reactions);
      const stop = await upcoming();
      return {
        version,
        workspace: { teamId: double.teamId, name: SANDBOX_TEAM.teamName },
        now: clock.now().toISOString(),
        viewer,
        people: people(double),
        channels,
        messages,
        home: homeOf(double.publishedHome(viewer)),
        modal: modalFor(double, viewer, modalErrors),
        errors: errors.list(),
        nextStop: stop ? { at: stop.at.toISOString(), label: stop.label } : null,
        demoLoaded,
      };
    },
    async fastForward() {
      const stop = await upcoming();
      if (!stop) return undefined;
      clock.advanceTo(new Date(stop.at.getTime() + 1000));
      await tickNow(app);
      changed();
      return stop;
    },
    async loadDemo() {
      if (demoLoaded) return;
      await loadDemo({ double, app, clock, logger: logger.child('sandbox-demo'), root });
      demoLoaded = true;
      changed();
    },
    async stop() {
      unsubscribe();
      for (const res of listeners) res.end();
      listeners.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await app.stop();
      await double.stop();
    },
  };

  const isPerson = (id: unknown): id is string => typeof id === 'string' && SANDBOX_PEOPLE.some((p) => p.id === id);
  const person = (body: Record<string, any>) => {
    if (!isPerson(body.as)) throw new Refused(`Unknown person ${JSON.stringify(body.as)}.`);
    return body.as;
  };
  /** Runs what the person did; Slack's refusals and the app's missing acks become errors in the page. */
  const act = async (what: () => Promise<unknown>) => {
    try {
      await what();
      await settle();
      return {};
    } catch (error) {
      throw new Refused((error as Error).message);
    }
  };
  const settle = () =>
    Promise.race([app.idle(), new Promise<void>((resolve) => setTimeout(resolve, SETTLE_MS).unref())]);

  const actions: Record<string, (body: Record<string, any>) => Promise<unknown>> = {
    async message(body) {
      const as = person(body);
      const text = String(body.text ?? '').trim();
      const channel = String(body.channel ?? '');
      if (text === '') throw new Refused('Type a message or a /loop command first.');
      const command = /^(\/\S+)\s*([\s\S]*)$/.exec(text);
      if (command && !body.threadTs) {
        return act(() =>
          double.slashCommand({
            command: command[1] as string,
            text: command[2] ?? '',
            userId: as,
            channelId: channel,
          }),
        );
      }
      if (command) throw new Refused('Slash commands cannot be sent in a thread: use the channel composer.');
      // Slack sends typed &, < and > as entities; only the mentions it recognised become <@U…>.
      const typed = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
      const event: Record<string, unknown> = { type: 'message', user: as, channel, text: escapeMentions(typed) };
      if (body.threadTs) event.thread_ts = String(body.threadTs);
      return act(() => double.event(event as { type: string }));
    },
    async action(body) {
      const as = person(body);
      const params: Record<string, any> = { userId: as, actionId: String(body.actionId), value: body.value };
      if (body.blockId) params.blockId = String(body.blockId);
      if (body.viewId) {
        params.viewId = String(body.viewId);
        if (body.values) params.stateValues = double.stateValues(params.viewId, body.values);
      } else if (body.messageTs) {
        params.messageTs = String(body.messageTs);
        if (body.channel) params.channelId = String(body.channel);
      }
      return act(() => double.blockAction(params as Parameters<SlackDouble['blockAction']>[0]));
    },
    async submit(body) {
      const as = person(body);
      const viewId = String(body.viewId);
      let ack: any;
      await act(async () => {
        ({ ack } = await double.submitView({ userId: as, viewId, values: body.values ?? {} }));
      });
      // Slack keeps the modal open and shows these under their inputs.
      if (ack?.response_action === 'errors') modalErrors.set(viewId, ack.errors ?? {});
      else modalErrors.delete(viewId);
      changed();
      return { responseAction: ack?.response_action ?? null };
    },
    async close(body) {
      const as = person(body);
      return act(() => double.viewClosed({ userId: as, viewId: String(body.viewId) }));
    },
    async home(body) {
      const as = person(body);
      return act(() => double.event({ type: 'app_home_opened', user: as }));
    },
    async reaction(body) {
      const as = person(body);
      const name = String(body.name ?? '').replace(/:/g, '');
      if (!/^[a-z0-9_+-]{1,40}$/.test(name)) throw new Refused(`"${name}" is not an emoji name.`);
      const key = `${body.channel}:${body.ts}`;
      const byName = reactions.get(key) ?? new Map<string, Set<string>>();
      reactions.set(key, byName);
      const users = byName.get(name) ?? new Set<string>();
      byName.set(name, users);
      const added = !users.has(as);
      if (added) users.add(as);
      else users.delete(as);
      changed();
      return act(() =>
        double.event({
          type: added ? 'reaction_added' : 'reaction_removed',
          user: as,
          reaction: name,
          item: { type: 'message', channel: String(body.channel), ts: String(body.ts) },
        }),
      );
    },
    async 'fast-forward'() {
      const stop = await sandbox.fastForward();
      return { stop: stop ? { at: stop.at.toISOString(), label: stop.label } : null };
    },
    async demo() {
      await sandbox.loadDemo();
      return {};
    },
  };

  const escapeMentions = (text: string) =>
    text.replace(/(^|\s)@([a-z0-9._-]+)/g, (whole, space: string, name: string) => {
      const p = SANDBOX_PEOPLE.find((x) => x.name === name);
      return p ? `${space}<@${p.id}>` : whole;
    });

  const server: Server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      logger.error('sandbox request failed', { error, url: req.url });
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: (error as Error).message });
    });
  });

  const route = async (req: IncomingMessage, res: ServerResponse) => {
    // Another site open in the same browser must not drive the sandbox: a name other than loopback in Host is a
    // DNS-rebinding page, and a form or no-cors POST cannot send a JSON content type without a preflight, which
    // this server never answers.
    const hostName = (req.headers.host ?? '').replace(/:\d+$/, '');
    if (!['localhost', '127.0.0.1', '[::1]'].includes(hostName))
      return sendJson(res, 403, { ok: false, error: 'The sandbox answers on localhost only.' });
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (req.method === 'GET' && (path === '/' || path === '/sandbox/')) {
      res.writeHead(302, { location: '/sandbox' }).end();
      return;
    }
    if (req.method === 'GET' && path === '/sandbox') return sendText(res, 'text/html', assets.html);
    if (req.method === 'GET' && path === '/sandbox/styles.css') return sendText(res, 'text/css', assets.css);
    if (req.method === 'GET' && path === '/sandbox/app.js') return sendText(res, 'text/javascript', assets.js);
    if (req.method === 'GET' && path === '/sandbox/api/state') {
      const viewer = url.searchParams.get('as');
      if (!isPerson(viewer)) return sendJson(res, 400, { ok: false, error: `Unknown person ${viewer}.` });
      return sendJson(res, 200, await sandbox.state(viewer));
    }
    if (req.method === 'GET' && path === '/sandbox/api/events') {
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      res.write(`data: ${JSON.stringify({ version })}\n\n`);
      listeners.add(res);
      req.on('close', () => listeners.delete(res));
      return;
    }
    const file = /^\/sandbox\/api\/files\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && file) {
      const id = decodeURIComponent(file[1] as string);
      const stored = double.files().find((f) => f.id === id);
      if (!stored?.bytes) return sendJson(res, 404, { ok: false, error: 'file_not_found' });
      res.writeHead(200, {
        'content-type': contentType(stored.name),
        'content-disposition': `${/\.(png|jpe?g|gif|svg)$/i.test(stored.name) ? 'inline' : 'attachment'}; filename="${stored.name.replace(/"/g, '')}"`,
      });
      res.end(stored.bytes);
      return;
    }
    const action = /^\/sandbox\/api\/([a-z-]+)$/.exec(path);
    if (req.method === 'POST' && action && actions[action[1] as string]) {
      if (!/^application\/json\b/.test(req.headers['content-type'] ?? ''))
        return sendJson(res, 415, {
          ok: false,
          error: 'Sandbox actions take a JSON body (content-type: application/json).',
        });
      let body: Record<string, any>;
      try {
        body = JSON.parse((await readBody(req)) || '{}');
      } catch {
        return sendJson(res, 400, { ok: false, error: 'The request body is not JSON.' });
      }
      try {
        const result = await (actions[action[1] as string] as (b: Record<string, any>) => Promise<unknown>)(body);
        // What the person did shows even when Loopkeeper answered nothing (a message it does not react to).
        changed();
        return sendJson(res, 200, { ok: true, ...(result && typeof result === 'object' ? result : {}) });
      } catch (error) {
        if (!(error instanceof Refused)) throw error;
        errors.add(error.message);
        changed();
        // As Slack's Web API answers: HTTP 200, ok false, and why.
        return sendJson(res, 200, { ok: false, error: error.message });
      }
    }
    if (path.startsWith('/sandbox')) return sendJson(res, 404, { ok: false, error: 'Not found' });
    // Everything else is Loopkeeper's own: /healthz, POST /api/mqa...
    forward(req, res, app.http.port);
  };

  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? config.port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  }).catch(async (error: unknown) => {
    await app.stop();
    await double.stop();
    throw error;
  });
  Object.assign(sandbox, { port, url: `http://localhost:${port}/sandbox` });
  if (options.demo) await sandbox.loadDemo();
  return sandbox;
}

const homeOf = (view: { id: string; blocks: unknown[] } | undefined) =>
  view ? { id: view.id, blocks: view.blocks } : null;

function forward(req: IncomingMessage, res: ServerResponse, port: number): void {
  const upstream = request(
    { host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', () => {
    if (!res.headersSent) sendJson(res, 502, { ok: false, error: 'Loopkeeper did not answer.' });
  });
  req.pipe(upstream);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function sendText(res: ServerResponse, type: string, body: string): void {
  res.writeHead(200, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' });
  res.end(body);
}

function contentType(name: string): string {
  if (/\.png$/i.test(name)) return 'image/png';
  if (/\.jpe?g$/i.test(name)) return 'image/jpeg';
  if (/\.svg$/i.test(name)) return 'image/svg+xml';
  if (/\.csv$/i.test(name)) return 'text/csv; charset=utf-8';
  if (/\.json$/i.test(name)) return 'application/json';
  if (/\.zip$/i.test(name)) return 'application/zip';
  return 'application/octet-stream';
}
