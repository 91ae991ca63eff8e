import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';

/** The project root (where package.json and tsconfig.json live). */
export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
export const MAIN = join(ROOT, 'src', 'main.ts');
export const MIGRATE = join(ROOT, 'src', 'cli', 'migrate.ts');

/**
 * A minimal environment for a child process: PATH and HOME only, so no SLACK_* (or any other) variable of the
 * test runner leaks in; `extra` adds what the test controls.
 */
export function childEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  if (process.env.PATH) env.PATH = process.env.PATH;
  if (process.env.HOME) env.HOME = process.env.HOME;
  return { ...env, ...extra };
}

export interface Running {
  child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code and signal; rejects (after killing the process) when it outlives `timeoutMs`. */
  exited(timeoutMs: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves once stdout contains `text`; rejects after `timeoutMs` or if the process exits first. */
  waitForStdout(text: string, timeoutMs: number): Promise<void>;
}

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Per-test child processes and temp folders: every process still running after a test is SIGKILLed (by its own pid),
 * and every folder is removed.
 */
export function useChildProcesses() {
  const children: ChildProcessWithoutNullStreams[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    for (const child of children.splice(0)) {
      if (child.exitCode === null && child.signalCode === null) {
        const gone = new Promise<void>((done) => child.once('exit', () => done()));
        child.kill('SIGKILL');
        await Promise.race([gone, new Promise((done) => setTimeout(done, 5_000))]);
      }
    }
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  function tempDir(): string {
    const dir = mkdtempSync(join(tmpdir(), 'loopkeeper-ops-'));
    dirs.push(dir);
    return dir;
  }

  /**
   * Starts `tsx <script>` with the project's tsconfig named explicitly, so the script is compiled the same way
   * whatever the working directory (tsx otherwise looks for tsconfig.json from the cwd only).
   */
  function start(script: string, options: { cwd: string; env: Record<string, string> }): Running {
    const child = spawn(TSX, ['--tsconfig', join(ROOT, 'tsconfig.json'), script], {
      cwd: options.cwd,
      env: options.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    children.push(child);
    child.stdin.end();
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => {
      // 'close' (not 'exit'): all output has been read by then.
      child.once('close', (code, signal) => done({ code, signal }));
    });

    return {
      child,
      stdout: () => stdout,
      stderr: () => stderr,
      exited(timeoutMs) {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            child.kill('SIGKILL');
            reject(new Error(`${script} did not exit within ${timeoutMs} ms.\nstdout:\n${stdout}\nstderr:\n${stderr}`));
          }, timeoutMs);
        });
        return Promise.race([exit, timeout]).finally(() => clearTimeout(timer));
      },
      waitForStdout(text, timeoutMs) {
        return new Promise<void>((done, reject) => {
          const check = () => {
            if (!stdout.includes(text)) return;
            cleanup();
            done();
          };
          const onClose = (code: number | null, signal: NodeJS.Signals | null) => {
            cleanup();
            reject(
              new Error(
                `${script} exited (${code ?? signal}) before printing "${text}".\nstdout:\n${stdout}\nstderr:\n${stderr}`,
              ),
            );
          };
          const timer = setTimeout(() => {
            cleanup();
            reject(
              new Error(
                `${script} did not print "${text}" within ${timeoutMs} ms.\nstdout:\n${stdout}\nstderr:\n${stderr}`,
              ),
            );
          }, timeoutMs);
          const cleanup = () => {
            clearTimeout(timer);
            child.stdout.off('data', check);
            child.off('close', onClose);
          };
          child.stdout.on('data', check);
          child.once('close', onClose);
          check();
        });
      },
    };
  }

  /** Runs a script to completion (bounded); kills it if it takes longer than `timeoutMs`. */
  async function run(
    script: string,
    options: { cwd: string; env: Record<string, string>; timeoutMs?: number },
  ): Promise<Finished> {
    const running = start(script, options);
    const { code, signal } = await running.exited(options.timeoutMs ?? 15_000);
    return { code, signal, stdout: running.stdout(), stderr: running.stderr() };
  }

  return { start, run, tempDir };
}

/** Parses every non-empty line as JSON; a line that is not JSON fails with the whole output. */
export function jsonLines(output: string): Array<Record<string, unknown>> {
  return output
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      try {
        return JSON.parse(line) as Record<string, unknown>;
      } catch {
        throw new Error(`Not a JSON log line: ${line}\nwhole output:\n${output}`);
      }
    });
}
