import type { ScheduledJob } from '../../scheduler/scheduler.js';
import type { DataService } from './service.js';

/**
 * Every tick: purges the data of workspaces that uninstalled Loopkeeper more than DATA_RETENTION_DAYS ago. The job
 * decides what is due itself (one cheap query on `teams`); each purge claims its team, once across instances.
 */
export const createDataRetentionJob = (data: DataService): ScheduledJob => ({
  name: 'data-retention-purge',
  run: (now) => data.purgeDue(now),
});
