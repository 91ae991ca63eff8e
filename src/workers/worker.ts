/** The worker thread's entry (see pool.ts): runs one task at a time on its own read-only database connection. */
import { workerData } from 'node:worker_threads';
import { type Db, openDatabase } from '../db/open-database.js';
import { runTask, type TaskInput, type TaskName } from './tasks.js';

const databaseUrl = (workerData as { databaseUrl: string | null } | undefined)?.databaseUrl ?? null;
let db: Promise<Db> | undefined;

const context = {
  db: () =>
    (db ??= databaseUrl
      ? openDatabase(databaseUrl, { readOnly: true })
      : Promise.reject(new Error('This worker has no database: its tasks run on the main thread'))),
};

export default function run<K extends TaskName>(task: { name: K; input: TaskInput<K> }) {
  return runTask(context, task.name, task.input);
}
