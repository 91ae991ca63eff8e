/**
 * A small pool of worker threads (piscina) for work that would otherwise hold the event loop that acks Slack: chart
 * rendering, the KPI section of a GTM review, data exports. Each worker opens its own read-only SQLite connection
 * (WAL lets it read while the main connection writes). On PostgreSQL the queries are already asynchronous, so only
 * the CPU-only tasks (charts) go to workers; the others run here.
 *
 * The worker file sits beside this module with the same extension: worker.ts under tsx (tests, `npx tsx`), worker.js
 * in compiled output. Where it is missing (a bundle that did not build it), every task runs on this thread.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { extname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Piscina } from 'piscina';
import { type Db, isSqliteFile } from '../db/open-database.js';
import type { Logger } from '../logging/logger.js';
import { READS_DATABASE, runTask, type TaskContext, type TaskInput, type TaskName, type TaskOutput } from './tasks.js';

export interface WorkerPool {
  /** Runs the task in a worker (or here, see `where`); the worker's error rejects the promise. */
  run<K extends TaskName>(name: K, input: TaskInput<K>): Promise<TaskOutput<K>>;
  /** Where `name` runs: 'worker', or 'inline' (this thread). */
  where(name: TaskName): 'worker' | 'inline';
  /** Lets running tasks finish, then ends the workers; later runs are refused. */
  close(): Promise<void>;
}

export interface WorkerPoolOptions {
  databaseUrl: string;
  /** The main connection: used by tasks that run on this thread. */
  db: Db;
  /** Worker threads at most (0: everything runs on this thread); default min(2, cores - 1), at least 1. */
  size?: number;
  /** A worker idle this long ends (a new one starts on demand), so an idle Loopkeeper keeps no threads. */
  idleTimeoutMs?: number;
  logger?: Logger;
}

export const defaultPoolSize = (): number => Math.max(1, Math.min(2, availableParallelism() - 1));

/** The worker module beside this one, with this module's extension (.ts under tsx, .js when compiled). */
export function workerFile(): URL {
  const ext = extname(fileURLToPath(import.meta.url)) || '.js';
  return new URL(`./worker${ext}`, import.meta.url);
}

/** A TypeScript worker needs tsx's loader; a thread started by `tsx` inherits it already. */
function execArgvFor(file: URL): string[] {
  if (!file.pathname.endsWith('.ts')) return process.execArgv;
  if (process.execArgv.some((arg) => arg.includes('tsx'))) return process.execArgv;
  const loader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return [...process.execArgv, '--import', loader];
}

export function createWorkerPool(options: WorkerPoolOptions): WorkerPool {
  const size = options.size ?? defaultPoolSize();
  const file = workerFile();
  const haveWorkers = size > 0 && existsSync(fileURLToPath(file));
  if (size > 0 && !haveWorkers)
    options.logger?.warn('no worker file beside the pool; charts, KPI sections and exports run on the main thread', {
      file: file.href,
    });
  // Only a file can be opened a second time, read-only, from another thread.
  const workersRead = haveWorkers && isSqliteFile(options.databaseUrl);
  const here: TaskContext = { db: async () => options.db };
  let piscina: Promise<Piscina> | undefined;
  let closed = false;
  /** Tasks sent to workers and not settled: close() lets them finish first (piscina would end them mid-task). */
  const pending = new Set<Promise<unknown>>();

  // Loaded on first use: a start-up that never renders a chart never loads piscina.
  const pool = () =>
    (piscina ??= import('piscina').then(
      ({ Piscina }) =>
        new Piscina({
          filename: file.href,
          minThreads: 0,
          maxThreads: size,
          idleTimeout: options.idleTimeoutMs ?? 30_000,
          execArgv: execArgvFor(file),
          workerData: { databaseUrl: workersRead ? options.databaseUrl : null },
        }),
    ));

  const where = (name: TaskName): 'worker' | 'inline' =>
    haveWorkers && (!READS_DATABASE[name] || workersRead) ? 'worker' : 'inline';

  return {
    where,
    async run(name, input) {
      if (closed) throw new Error(`The worker pool is closed: ${name} was not run`);
      if (where(name) === 'inline') return runTask(here, name, input);
      const task = pool().then((p) => p.run({ name, input }));
      pending.add(task);
      try {
        return await task;
      } finally {
        pending.delete(task);
      }
    },
    async close() {
      closed = true;
      while (pending.size > 0) await Promise.allSettled([...pending]);
      if (piscina) await (await piscina).close();
    },
  };
}
