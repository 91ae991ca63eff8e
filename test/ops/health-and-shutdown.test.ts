import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SlackDouble } from '../../src/slack-double/index.js';
import { useLoopkeeper } from '../helpers/loopkeeper.js';
import { childEnv, jsonLines, MAIN, useChildProcesses } from './child-process.js';

interface Health {
  status: number;
  body: Record<string, unknown>;
}

async function get(port: number, path: string): Promise<Health> {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(5_000) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Polls `path` until `accept` holds; fails with the last answer after `timeoutMs`. */
async function pollUntil(
  port: number,
  path: string,
  accept: (h: Health) => boolean,
  timeoutMs: number,
): Promise<Health> {
  const deadline = Date.now() + timeoutMs;
  let last: Health | undefined;
  while (Date.now() < deadline) {
    last = await get(port, path);
    if (accept(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(
    `GET ${path} did not reach the expected state within ${timeoutMs} ms; last answer: ${JSON.stringify(last)}`,
  );
}

describe('/healthz', { timeout: 30_000 }, () => {
  const start = useLoopkeeper();

  it('is 200 with database ok and Slack connected once the app runs', async () => {
    const { app } = await start();
    // The double counts a connection when the socket opens; the client reports it after Slack's hello.
    const health = await pollUntil(app.http.port, '/healthz', (h) => h.status === 200, 5_000);
    expect(health.body).toEqual({
      status: 'ok',
      database: 'ok',
      slack: 'connected',
      uptimeSeconds: expect.any(Number),
    });

    const head = await fetch(`http://127.0.0.1:${app.http.port}/healthz`, {
      method: 'HEAD',
      signal: AbortSignal.timeout(5_000),
    });
    expect(head.status).toBe(200);
  });

  it('is 503 with Slack not connected after the sockets drop, and 200 again once the client reconnects', async () => {
    const { app, double } = await start();
    await pollUntil(app.http.port, '/healthz', (h) => h.status === 200, 5_000);

    double.dropSockets();
    // The client notices the closed socket at once but waits ~5 s (clientPingTimeout) before reconnecting, so within
    // 3 s the probe must already say that Slack is not connected.
    const down = await pollUntil(app.http.port, '/healthz', (h) => h.status !== 200, 3_000);
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ status: 'degraded', database: 'ok' });
    expect(down.body.slack).not.toBe('connected');
    expect(['connecting', 'disconnected']).toContain(down.body.slack);

    await double.waitForConnection(15_000);
    const up = await pollUntil(app.http.port, '/healthz', (h) => h.status === 200, 5_000);
    expect(up.body).toMatchObject({ status: 'ok', database: 'ok', slack: 'connected' });
  });

  it('answers 404 for unknown paths and methods', async () => {
    const { app } = await start();
    for (const path of ['/', '/health', '/healthz/extra', '/slack/events']) {
      const answer = await get(app.http.port, path);
      expect({ path, ...answer }).toEqual({ path, status: 404, body: { error: 'not_found' } });
    }
    const post = await fetch(`http://127.0.0.1:${app.http.port}/healthz`, {
      method: 'POST',
      signal: AbortSignal.timeout(5_000),
    });
    expect(post.status).toBe(404);
  });

  it('ignores the query string', async () => {
    const { app } = await start();
    const health = await pollUntil(app.http.port, '/healthz?probe=k8s', (h) => h.status === 200, 5_000);
    expect(health.body.status).toBe('ok');
  });
});

describe('graceful shutdown of src/main.ts', { timeout: 45_000 }, () => {
  const { start, tempDir } = useChildProcesses();
  let double: SlackDouble | undefined;
  afterEach(async () => {
    await double?.stop();
    double = undefined;
  });

  it.each(['SIGTERM', 'SIGINT'] as const)(
    'on %s disconnects, logs "Loopkeeper stopped" and exits 0 without leaking tokens',
    async (signal) => {
      double = await SlackDouble.start();
      const dir = tempDir();
      const running = start(MAIN, {
        cwd: dir,
        env: childEnv({
          SLACK_BOT_TOKEN: double.botToken,
          SLACK_APP_TOKEN: double.appToken,
          SLACK_API_URL: double.apiUrl,
          DATABASE_URL: `file:${join(dir, 'loopkeeper.sqlite')}`,
          PORT: '0',
          LOG_LEVEL: 'info',
        }),
      });

      await double.waitForConnection(15_000);
      // The signal handlers are installed once start-up has finished, which it logs.
      await running.waitForStdout('"msg":"Loopkeeper is running"', 10_000);
      const runningLine = jsonLines(running.stdout()).find((l) => l.msg === 'Loopkeeper is running');
      expect(runningLine).toMatchObject({
        level: 'info',
        logger: 'loopkeeper',
        mode: 'socket',
        port: expect.any(Number),
      });
      // The HTTP server answers while running.
      const health = await pollUntil(runningLine!.port as number, '/healthz', (h) => h.status === 200, 5_000);
      expect(health.body).toMatchObject({ status: 'ok', slack: 'connected' });

      expect(running.child.kill(signal)).toBe(true);
      const { code, signal: killedBy } = await running.exited(10_000);

      const stdout = running.stdout();
      const stderr = running.stderr();
      expect({ code, killedBy, stderr }).toEqual({ code: 0, killedBy: null, stderr: '' });
      const lines = jsonLines(stdout);
      for (const line of lines)
        expect(line).toMatchObject({ time: expect.any(String), level: expect.any(String), msg: expect.any(String) });
      expect(lines.find((l) => l.msg === 'shutting down')).toMatchObject({ level: 'info', signal });
      expect(lines.at(-1)).toMatchObject({ level: 'info', logger: 'loopkeeper', msg: 'Loopkeeper stopped' });

      // Disconnected from Slack: no Socket Mode client is left.
      expect(double.connected).toBe(false);
      for (const output of [stdout, stderr]) {
        expect(output).not.toContain(double.botToken);
        expect(output).not.toContain(double.appToken);
      }
    },
  );
});
