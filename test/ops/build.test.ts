import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDist } from '../../src/cli/build.js';
import { SlackDouble } from '../../src/slack-double/index.js';
import { ALICE, GENERAL } from '../helpers/loopkeeper.js';
import { ROOT } from './child-process.js';

// Inside the project, so the bundle's external packages (better-sqlite3) resolve from node_modules as in dist/.
const OUT = join(ROOT, 'node_modules', '.cache', `loopkeeper-build-test-${process.pid}`);

describe('npm run build', { timeout: 60_000 }, () => {
  beforeAll(() => buildDist(OUT));
  afterAll(() => rmSync(OUT, { recursive: true, force: true }));

  it('bundles an app that plain node starts, connects over Socket Mode and answers /loop with', async () => {
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
      expect(stderr).toBe('');
    } finally {
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      await double.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
