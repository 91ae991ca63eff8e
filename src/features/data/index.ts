import type { Feature, FeatureDeps } from '../feature.js';
import { createDataRetentionJob } from './job.js';
import { createDataRepository } from './repository.js';
import { createDataService } from './service.js';
import { exportCommand, openDeleteModal } from './slack/commands.js';
import { registerDataListeners } from './slack/listeners.js';

/**
 * The workspace's own data: `/loop data export` (a zip of CSV files, one per table, by DM) and `/loop data delete`
 * (everything, after typing DELETE), both for Loopkeeper admins; the uninstall record (app_uninstalled,
 * tokens_revoked) and the purge of an uninstalled workspace's data after DATA_RETENTION_DAYS.
 */
export function createDataFeature(deps: FeatureDeps): Feature {
  const logger = deps.logger.child('data');
  const workers = deps.workers;
  const data = createDataService({
    repository: createDataRepository(deps.db),
    isAdmin: (teamId, userId) => deps.settings.isAdmin(teamId, userId),
    installations: deps.installations,
    clock: deps.clock,
    retentionDays: deps.config.dataRetentionDays,
    logger,
    // The scan and the zip run in a worker thread: a big workspace's export never holds up acks.
    ...(workers ? { buildExport: (teamId: string, at: Date) => workers.run('exportTeam', { teamId, at }) } : {}),
  });
  const listenerDeps = { data, notifier: deps.slack.notifier, inFlight: deps.slack.inFlight, logger };
  return {
    name: 'data',
    subcommands: [
      {
        name: 'data',
        verb: 'export',
        usage: 'data export',
        summary: "DMs you all of this workspace's Loopkeeper data: a zip of CSV files, one per table (admins only).",
        run: ({ client, request }) => exportCommand(listenerDeps, client, request),
      },
      {
        name: 'data',
        verb: 'delete',
        usage: 'data delete',
        summary: "Deletes all of this workspace's Loopkeeper data, once you type DELETE (admins only).",
        run: ({ client, request }) => openDeleteModal(listenerDeps, client, request),
      },
    ],
    register: (app) => registerDataListeners(app, listenerDeps),
    jobs: [createDataRetentionJob(data)],
  };
}
