import { type ChildProcessWithoutNullStreams, execFileSync, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDist } from '../src/cli/build.js';

export const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
/** What `npm start` runs: main.ts compiled by `npm run build`. */
export const MAIN_JS = join(ROOT, 'dist', 'src', 'main.js');

let built = false;

/** `npm run build` once per bench run: compiles src/ and migrations/ to dist/ (a no-op when dist/ is current). */
export function buildOnce(): void {
  if (built) return;
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  built = true;
}

const BUNDLES = join(ROOT, 'node_modules', '.cache', 'loopkeeper-bench');
const bundles = new Map<string, Promise<string>>();

/**
 * A bench entry (bench/<name>.ts) bundled the way `npm run build` bundles Loopkeeper, once per run, with the worker
 * threads' entry beside it where the pool looks for it (src/workers/pool.ts); resolves to the bundle's path.
 */
export function bundleOnce(name: 'baseline-main' | 'mixed-main'): Promise<string> {
  let bundle = bundles.get(name);
  if (!bundle) {
    const out = join(BUNDLES, name);
    bundle = buildDist(out, [
      { in: `bench/${name}.ts`, out: `bench/${name}` },
      { in: 'src/workers/worker.ts', out: 'bench/worker' },
    ]).then(() => join(out, 'bench', `${name}.js`));
    bundles.set(name, bundle);
  }
  return bundle;
}

/** PATH and HOME only, so nothing of the bench's own environment leaks into the child; `extra` adds the rest. */
export function childEnv(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  if (process.env.PATH) env.PATH = process.env.PATH;
  if (process.env.HOME) env.HOME = process.env.HOME;
  return { ...env, ...extra };
}

export interface ChildApp {
  child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code once the process has exited and its output is read. */
  closed(): Promise<number | null>;
  /** The node process running the script: tsx's CLI is a small node process that spawns it; plain node is itself. */
  scriptPid(): number | undefined;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the process has exited. */
  stop(graceMs?: number): Promise<void>;
}

/** `tsx <script>` with the project's tsconfig, from the project root. */
export function spawnTsx(script: string, env: Record<string, string>, args: string[] = []): ChildApp {
  return spawnChild(TSX, ['--tsconfig', join(ROOT, 'tsconfig.json'), script, ...args], env);
}

/** `node <script>` (compiled JavaScript, as `npm start` runs it), from the project root. */
export function spawnNode(script: string, env: Record<string, string>, args: string[] = []): ChildApp {
  return spawnChild(process.execPath, [script, ...args], env);
}

function spawnChild(command: string, args: string[], env: Record<string, string>): ChildApp {
  const child = spawn(command, args, {
    cwd: ROOT,
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stdin.end();
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  // 'close' (not 'exit'): all output has been read by then.
  const closed = new Promise<number | null>((done) => child.once('close', (code) => done(code)));
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    closed: () => closed,
    scriptPid: () => (child.pid === undefined ? undefined : (childPids(child.pid)[0] ?? child.pid)),
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'timeout'>((done) => (timer = setTimeout(() => done('timeout'), graceMs)));
      if ((await Promise.race([exited, timeout])) === 'timeout') {
        child.kill('SIGKILL');
        await exited;
      }
      clearTimeout(timer);
    },
  };
}

/** Direct children of a process, from /proc (Linux); empty elsewhere. */
export function childPids(pid: number): number[] {
  try {
    const found: number[] = [];
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const text = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      if (text) found.push(...text.split(/\s+/).map(Number));
    }
    return found;
  } catch {
    return [];
  }
}

/** Resident set size of a process in bytes (VmRSS from /proc/<pid>/status); undefined when unavailable. */
export function residentBytes(pid: number): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}
