import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { childEnv, MAIN, useChildProcesses } from '../ops/child-process.js';

const { start, tempDir } = useChildProcesses();

describe('npm start without a Slack app', { timeout: 60_000 }, () => {
  it('starts the sandbox on PORT, says where to open it, uses data/sandbox.sqlite and stops cleanly', async () => {
    // A fresh cwd and no SLACK_* variables: what a newcomer has after npm ci.
    const cwd = tempDir();
    const app = start(MAIN, { cwd, env: childEnv({ PORT: '0', LOG_LEVEL: 'warn' }) });
    await app.waitForStdout('Sandbox: open http://localhost:', 45_000);
    const url = /Sandbox: open (http:\/\/localhost:(\d+)\/sandbox)\n/.exec(app.stdout());
    expect(url).not.toBeNull();
    const page = await fetch(`http://127.0.0.1:${url?.[2]}/sandbox`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Loopkeeper sandbox');
    expect(existsSync(join(cwd, 'data', 'sandbox.sqlite'))).toBe(true);
    expect(existsSync(join(cwd, 'data', 'loopkeeper.sqlite'))).toBe(false);

    app.child.kill('SIGTERM');
    expect((await app.exited(20_000)).code).toBe(0);
    expect(app.stderr()).toBe('');
  });
});
