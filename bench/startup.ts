import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { SlackDouble } from '../src/slack-double/index.js';
import { tempDatabase } from './apps.js';
import { buildOnce, childEnv, MAIN_JS, residentBytes, spawnNode } from './child.js';
import { bytesToMb } from './stats.js';

export interface StartupResult {
  /** Spawn of `node dist/src/main.js` (what `npm start` runs) -> the double sees the Socket Mode connection (fresh database: migrations included). */
  connectMs: number;
  /** VmRSS of the node process, after `idleMs` connected and idle. */
  idleRssMb: number;
  idleMs: number;
  /** stderr lines (warnings, errors) of the app; should be none. */
  appErrors: number;
}

export async function measureStartup(options: { idleMs: number }): Promise<StartupResult> {
  // Built before the clock starts: `npm start`'s prestart build is a no-op once dist/ is current.
  buildOnce();
  const double = await SlackDouble.start();
  const database = tempDatabase('loopkeeper-bench-start-');
  const started = performance.now();
  const app = spawnNode(
    MAIN_JS,
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
    await sleep(options.idleMs);
    return {
      connectMs,
      idleRssMb: bytesToMb(residentBytes(app.child.pid as number) ?? Number.NaN),
      idleMs: options.idleMs,
      appErrors: app
        .stderr()
        .split('\n')
        .filter((l) => l.trim() !== '').length,
    };
  } catch (error) {
    throw new Error(`${(error as Error).message}\napp stderr:\n${app.stderr()}`);
  } finally {
    await app.stop();
    await double.stop();
    database.remove();
  }
}
