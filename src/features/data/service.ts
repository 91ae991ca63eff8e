import type { Clock } from '../../kernel/clock.js';
import type { Logger } from '../../logging/logger.js';
import type { FeatureDeps } from '../feature.js';
import { type TableCount, totalRows } from './domain/table-counts.js';
import { type ExportBuilder, exportArchive } from './export.js';
import type { DataRepository } from './repository.js';

const DAY_MS = 86_400_000;
/** View ids of deletions already handled here: a redelivered submission is answered once. Bounded. */
const REMEMBERED_SUBMISSIONS = 1000;
/** A team seen active is looked up again after this long; at most this many are remembered. */
const ACTIVE_RECHECK_MS = 5 * 60_000;
const REMEMBERED_TEAMS = 10_000;
/** Requests this soon after an uninstall may have been sent before it: they do not undo it. */
const IN_FLIGHT_GRACE_MS = 60_000;

export type ExportResult =
  | { ok: false; reason: 'not_admin' }
  | { ok: true; zip: Buffer; filename: string; counts: TableCount[]; at: Date };

export type DeleteResult =
  | { ok: false; reason: 'not_admin' }
  /** `repeated`: this submission was handled already (Slack delivered it again); nothing more was done. */
  | { ok: true; repeated: true }
  | { ok: true; repeated: false; counts: TableCount[] };

/** Where Slack's uninstall came from, as the installation store looks installations up. */
export interface UninstallSource {
  teamId: string;
  enterpriseId?: string | undefined;
  isEnterpriseInstall: boolean;
}

export function createDataService(deps: {
  repository: DataRepository;
  isAdmin(teamId: string, userId: string): Promise<boolean>;
  /** Distributed mode: the installation store, so an uninstalled workspace's tokens are gone at once. */
  installations?: FeatureDeps['installations'];
  clock: Clock;
  /** DATA_RETENTION_DAYS: how long an uninstalled workspace's data is kept. */
  retentionDays: number;
  logger: Logger;
  /** Where the export's scan and zip run (a worker thread); on this thread by default. */
  buildExport?: ExportBuilder;
}) {
  const { repository, clock, logger } = deps;
  const buildExport: ExportBuilder = deps.buildExport ?? ((teamId, at) => exportArchive(repository, teamId, at));
  const handledSubmissions = new Set<string>();
  /** Teams found active, by when: their requests are not looked up again until ACTIVE_RECHECK_MS later. */
  const activeSeen = new Map<string, number>();

  function remember(submissionId: string): boolean {
    if (handledSubmissions.has(submissionId)) return false;
    handledSubmissions.add(submissionId);
    if (handledSubmissions.size > REMEMBERED_SUBMISSIONS) {
      const oldest = handledSubmissions.values().next().value;
      if (oldest !== undefined) handledSubmissions.delete(oldest);
    }
    return true;
  }

  return {
    isAdmin: (teamId: string, userId: string) => deps.isAdmin(teamId, userId),

    /** The team's whole data set as one zip of CSV files, one per table; admins only. */
    async exportTeam(teamId: string, userId: string): Promise<ExportResult> {
      if (!(await deps.isAdmin(teamId, userId))) return { ok: false, reason: 'not_admin' };
      const at = clock();
      const { zip, counts } = await buildExport(teamId, at);
      return {
        ok: true,
        zip: Buffer.isBuffer(zip) ? zip : Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength),
        filename: `loopkeeper-data-${teamId}-${at.toISOString().slice(0, 10)}.zip`,
        counts,
        at,
      };
    },

    /**
     * Deletes all the team's data (admins only; checked again at submission). `submissionId` (the modal's view id)
     * makes a redelivered submission a no-op; one that reaches another instance finds nothing left to delete.
     */
    async deleteTeam(teamId: string, userId: string, submissionId: string): Promise<DeleteResult> {
      if (!remember(submissionId)) return { ok: true, repeated: true };
      if (!(await deps.isAdmin(teamId, userId))) return { ok: false, reason: 'not_admin' };
      const counts = await repository.deleteTeam(teamId);
      logger.info('workspace data deleted on request', { teamId, userId, rows: totalRows(counts) });
      return { ok: true, repeated: false, counts };
    },

    /**
     * Slack said the workspace uninstalled Loopkeeper: its scheduled work stops (see db/active-teams.ts), its
     * installation is deleted in distributed mode, and its data is purged once the retention period is over.
     */
    async recordUninstall(source: UninstallSource): Promise<void> {
      activeSeen.delete(source.teamId);
      await repository.markUninstalled(source.teamId, clock());
      await deps.installations?.deleteInstallation?.({
        teamId: source.teamId,
        enterpriseId: source.enterpriseId,
        isEnterpriseInstall: source.isEnterpriseInstall,
      });
      logger.info('workspace uninstalled Loopkeeper; its data is kept, then purged', {
        teamId: source.teamId,
        retentionDays: deps.retentionDays,
      });
    },

    /** A reinstall: the team is active again and its data stays. */
    recordReinstall: (teamId: string) => repository.markReinstalled(teamId),

    /**
     * Slack sent a request from the team (a command, a click, an event other than the uninstall ones): Loopkeeper is
     * installed there, so an uninstall on record is over. This is how a reinstall counts where no install callback
     * runs (one workspace, a new SLACK_BOT_TOKEN). Requests within a minute of the uninstall may have been on their
     * way before it, so they change nothing. Teams found active are not looked up again for a while.
     */
    async noticeActivity(teamId: string): Promise<void> {
      const now = clock();
      const checked = activeSeen.get(teamId);
      if (checked !== undefined && now.getTime() - checked < ACTIVE_RECHECK_MS) return;
      if (await repository.isActive(teamId)) {
        if (activeSeen.size >= REMEMBERED_TEAMS) activeSeen.clear();
        activeSeen.set(teamId, now.getTime());
        return;
      }
      if (await repository.clearUninstalledBefore(teamId, new Date(now.getTime() - IN_FLIGHT_GRACE_MS))) {
        logger.info('Slack sent a request from an uninstalled workspace: it is installed again, its data stays', {
          teamId,
        });
      }
    },

    /**
     * The retention job, every tick: purges each team uninstalled more than `retentionDays` ago. Cheap when there is
     * nothing to do (one query on `teams`); each purge claims its team, so instances never purge one twice.
     */
    async purgeDue(now: Date): Promise<void> {
      const cutoff = new Date(now.getTime() - deps.retentionDays * DAY_MS);
      const failures: unknown[] = [];
      for (const teamId of await repository.uninstalledBefore(cutoff)) {
        try {
          const counts = await repository.purgeUninstalled(teamId, cutoff, now);
          if (counts) {
            logger.info('uninstalled workspace purged after the retention period', {
              teamId,
              retentionDays: deps.retentionDays,
              rows: totalRows(counts),
            });
          }
        } catch (error) {
          failures.push(error);
        }
      }
      if (failures.length > 0) throw failures[0];
    },
  };
}

export type DataService = ReturnType<typeof createDataService>;
