import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { SlackDouble } from '../src/slack-double/index.js';
import { tempDatabase } from './apps.js';
import { childEnv, MAIN, residentBytes, spawnTsx } from './child.js';
import { bytesToMb } from './stats.js';

export interface StartupResult {
  /** Spawn of `tsx src/main.ts` -> the double sees the Socket Mode connection (fresh database: migrations included). */
  connectMs: number;
  /** VmRSS of the node process running main.ts, after `idleMs` connected and idle. */
  idleRssMb: number;
  /** VmRSS of tsx's launcher process (not there when running compiled JavaScript with plain node). */
  launcherRssMb: number;
  idleMs: number;
  /** stderr lines (warnings, errors) of the app; should be none. */
  appErrors: number;
}

export async function measureStartup(options: { idleMs: number }): Promise<StartupResult> {
  const double = await SlackDouble.start();
  const database = tempDatabase('loopkeeper-bench-start-');
  const started = performance.now();
  const app = spawnTsx(
    MAIN,
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
    const launcherPid = app.child.pid as number;
    const scriptPid = app.scriptPid() as number;
    if (scriptPid === launcherPid) throw new Error('could not find the node process tsx started (is /proc available?)');
    return {
      connectMs,
      idleRssMb: bytesToMb(residentBytes(scriptPid) ?? Number.NaN),
      launcherRssMb: bytesToMb(residentBytes(launcherPid) ?? Number.NaN),
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
