import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { SlackDouble } from '../src/slack-double/index.js';
import { tempDatabase } from './apps.js';
import { buildOnce, bundleOnce, childEnv, MAIN_JS, residentBytes, spawnNode } from './child.js';
import { bytesToMb, percentile } from './stats.js';

export interface StartupSample {
  /** Spawn of the process -> the double sees the Socket Mode connection (fresh database: migrations included). */
  connectMs: number;
  /** VmRSS of the node process, after `idleMs` connected and idle. */
  idleRssMb: number;
  /** stderr lines (warnings, errors); should be none. */
  errors: number;
}

export interface StartupResult {
  /** `node dist/src/main.js`, what `npm start` runs after its build; medians of `runs` starts. */
  connectMs: number;
  idleRssMb: number;
  /** The bare Bolt app (bench/baseline-main.ts), bundled the same way; medians of `runs` starts. */
  bare: { connectMs: number; idleRssMb: number };
  idleMs: number;
  runs: number;
  /** stderr lines of every Loopkeeper start together; should be none. */
  appErrors: number;
}

async function startOnce(script: string, idleMs: number): Promise<StartupSample> {
  const double = await SlackDouble.start();
  const database = tempDatabase('loopkeeper-bench-start-');
  const started = performance.now();
  const app = spawnNode(
    script,
    childEnv({
      SLACK_BOT_TOKEN: double.botToken,
      SLACK_APP_TOKEN: double.appToken,
      SLACK_API_URL: double.apiUrl,
      DATABASE_URL: database.url,
      PORT: '0',
      LOG_LEVEL: 'warn',
    }),
  );
  try {
    await double.waitForConnection(30_000);
    const connectMs = Math.round(performance.now() - started);
    await sleep(idleMs);
    return {
      connectMs,
      idleRssMb: bytesToMb(residentBytes(app.child.pid as number) ?? Number.NaN),
      errors: app
        .stderr()
        .split('\n')
        .filter((l) => l.trim() !== '').length,
    };
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${script} stderr:\n${app.stderr()}`);
  } finally {
    await app.stop();
    await double.stop();
    database.remove();
  }
}

/** Starts Loopkeeper and the bare Bolt app `runs` times each, alternating, so both see the same machine load. */
export async function measureStartup(options: { idleMs: number; runs?: number }): Promise<StartupResult> {
  const runs = options.runs ?? 3;
  // Built before any clock starts: the spawn is what is measured, not the build `npm start` runs first.
  buildOnce();
  const baselineJs = await bundleOnce('baseline-main');
  const ours: StartupSample[] = [];
  const bare: StartupSample[] = [];
  for (let i = 0; i < runs; i++) {
    ours.push(await startOnce(MAIN_JS, options.idleMs));
    bare.push(await startOnce(baselineJs, options.idleMs));
  }
  const mid = (samples: StartupSample[], key: 'connectMs' | 'idleRssMb') =>
    percentile(
      samples.map((s) => s[key]).sort((a, b) => a - b),
      50,
    );
  return {
    connectMs: Math.round(mid(ours, 'connectMs')),
    idleRssMb: mid(ours, 'idleRssMb'),
    bare: { connectMs: Math.round(mid(bare, 'connectMs')), idleRssMb: mid(bare, 'idleRssMb') },
    idleMs: options.idleMs,
    runs,
    appErrors: ours.reduce((n, s) => n + s.errors, 0),
  };
}
