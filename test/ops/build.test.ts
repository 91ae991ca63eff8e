import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDist } from '../../src/cli/build.js';
import { DIMENSION_KEYS } from '../../src/features/assessment/domain/rubric.js';
import { SlackDouble } from '../../src/slack-double/index.js';
import { assessValues, openAssessModal } from '../helpers/assess-journey.js';
import { ALICE, GENERAL } from '../helpers/loopkeeper.js';
import { ROOT } from './child-process.js';

// Inside the project, so the bundle's external packages (better-sqlite3) resolve from node_modules as in dist/.
const OUT = join(ROOT, 'node_modules', '.cache', `loopkeeper-build-test-${process.pid}`);

describe('npm run build', { timeout: 60_000 }, () => {
  beforeAll(() => buildDist(OUT));
  afterAll(() => rmSync(OUT, { recursive: true, force: true }));

  it('bundles an app that plain node starts: it connects over Socket Mode, answers /loop and posts an assessment with its chart', async () => {
    const double = await SlackDouble.start();
    double.addUser({ id: ALICE, name: 'alice', tz: 'Europe/Berlin' });
    double.addChannel({ id: GENERAL, name: 'general' });
    const dataDir = mkdtempSync(join(tmpdir(), 'loopkeeper-build-'));
    const child = spawn(process.execPath, [join(OUT, 'src', 'main.js')], {
      cwd: dataDir,
      env: {
        PATH: process.env.PATH ?? '',
        SLACK_BOT_TOKEN: double.botToken,
        SLACK_APP_TOKEN: double.appToken,
        SLACK_API_URL: double.apiUrl,
        DATABASE_URL: `file:${join(dataDir, 'loopkeeper.sqlite')}`,
        PORT: '0',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exited = new Promise<number | null>((done) => child.once('close', (code) => done(code)));
    try {
      await double.waitForConnection(30_000);
      const { ack } = await double.slashCommand({ command: '/loop', text: 'help', userId: ALICE, channelId: GENERAL });
      expect(JSON.stringify(ack ?? double.ephemeralsFor(ALICE))).toContain('/loop assess');

      // An assessment end to end: its chart is drawn in a worker thread started from the bundle.
      const view = await openAssessModal(double, ALICE, GENERAL);
      const scores = { data_integration: 3, activation: 2, usage_campaigns: 4, pqls: 3, feedback_loop: 4 };
      const values = assessValues({ segment: 'plg_sales_assist', channel: GENERAL, scores });
      expect((await double.submitView({ userId: ALICE, viewId: view.id, values })).ack).toBeUndefined();
      await double.waitForCall('chat.postMessage', (c) => c.args.channel === GENERAL);
      await double.waitForCall('files.completeUploadExternal');
      // No warning either: among others, the pool warns here when it finds no worker file beside main.js.
      expect(stderr).toBe('');
    } finally {
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      await double.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("puts the worker threads' entry beside main.js, where the pool looks for it, and it renders a chart", async () => {
    const pool = new Piscina({
      filename: pathToFileURL(join(OUT, 'src', 'worker.js')).href,
      workerData: { databaseUrl: null },
      maxThreads: 1,
    });
    try {
      const current = Object.fromEntries(DIMENSION_KEYS.map((key) => [key, 3]));
      const png = (await pool.run({ name: 'renderChart', input: { current } })) as Uint8Array;
      // The PNG signature: the bundled worker ran the real renderer.
      expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    } finally {
      await pool.close();
    }
  });
});
