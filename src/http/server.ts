import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HealthReport {
  status: 'ok' | 'degraded';
  database: 'ok' | 'error';
  slack: string;
  uptimeSeconds: number;
}

export interface HttpServerOptions {
  port: number;
  /** The interface to listen on; undefined: every interface (a server behind a proxy or in a container). */
  host?: string | undefined;
  health: () => Promise<HealthReport>;
  /** HTTP mode: Bolt's listener answers Slack's requests under /slack/. */
  slackListener?: RequestListener;
  /** Feature routes (e.g. POST /api/mqa), matched on method and exact path before the 404. */
  routes?: HttpRoute[];
}

export interface HttpRoute {
  method: string;
  path: string;
  handle: RequestListener;
}

export interface RunningHttpServer {
  server: Server;
  port: number;
  close(): Promise<void>;
}

/** One HTTP server in both modes: /healthz for probes, Slack's endpoints in HTTP mode. */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) {
      options
        .health()
        .then((report) => {
          res.writeHead(report.status === 'ok' ? 200 : 503, { 'content-type': 'application/json' });
          res.end(JSON.stringify(report));
        })
        .catch(() => {
          res.writeHead(503, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ status: 'degraded' }));
        });
      return;
    }
    if (options.slackListener && path?.startsWith('/slack/')) {
      try {
        return options.slackListener(req, res);
      } catch {
        // Bolt throws for a method or path it does not serve (GET /slack/events): a 404, not a crash.
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'not_found' }));
        return;
      }
    }
    const route = options.routes?.find((r) => r.path === path && r.method === req.method);
    if (route) return route.handle(req, res);
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: 'not_found' }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
