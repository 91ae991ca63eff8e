import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logging/logger.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';

export const MAYA_ADMIN = 'U0MAYA';
export const SAM = 'U0SAM';
export const ELENA = 'U0ELENA';
export const GTM_REVIEW = 'C0GTMREVIEW';
export const MARKETING_REVIEW = 'C0MKTREVIEW';
export const SALES_EMEA = 'C0SALESEMEA';
export const SALES_NA = 'C0SALESNA';

/** Monday 2026-11-02 09:00 UTC: the sandbox clock starts here and runs on in real time. */
export const SANDBOX_START = new Date('2026-11-02T09:00:00Z');

export interface TestSandbox {
  sandbox: Sandbox;
  /** Base URL for fetch: http://127.0.0.1:<port>. */
  base: string;
  logLines: string[];
  /** The page's JSON API as the page calls it. */
  post(path: string, body: Record<string, unknown>): Promise<any>;
  state(as: string): Promise<any>;
  dispose(): Promise<void>;
}

/**
 * The sandbox on a free port with its database in a temp folder; the scheduler runs only when a test fast-forwards
 * (or the demo walks its weeks).
 */
export async function startTestSandbox(options: { demo?: boolean } = {}): Promise<TestSandbox> {
  const dir = mkdtempSync(join(tmpdir(), 'loopkeeper-sandbox-'));
  const logLines: string[] = [];
  const config = loadConfig({ SLACK_MODE: 'sandbox', PORT: '0', LOG_LEVEL: 'warn' });
  const sandbox = await startSandbox({
    config,
    logger: createLogger({ level: 'warn', sink: (line) => logLines.push(line) }),
    port: 0,
    databaseUrl: `file:${join(dir, 'sandbox.sqlite')}`,
    schedule: false,
    start: SANDBOX_START,
    demo: options.demo ?? false,
  });
  const base = `http://127.0.0.1:${sandbox.port}`;
  return {
    sandbox,
    base,
    logLines,
    async post(path, body) {
      const res = await fetch(`${base}/sandbox/api/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return res.json();
    },
    async state(as) {
      return (await fetch(`${base}/sandbox/api/state?as=${as}`)).json();
    },
    async dispose() {
      await sandbox.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
