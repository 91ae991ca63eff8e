import type { webApi } from '@slack/bolt';
import { createAssessmentsRepository } from '../assessment/repository.js';
import { createFollowUpsRepository } from './follow-ups-repository.js';
import { createRitualPostsRepository } from './posts-repository.js';
import { createRitualsRepository } from './repository.js';
import type { Db } from '../../db/open-database.js';
import type { Logger } from '../../logging/logger.js';
import type { ScheduledJob } from '../../scheduler/scheduler.js';
import type { Clock } from '../../kernel/clock.js';
import type { DigestSectionProvider } from '../digest-section.js';
import { type HomeRefresher, noHomeRefresh } from '../../kernel/home-refresh.js';
import { createFollowUpsService } from './follow-ups-service.js';
import { createRitualPosting } from './posting.js';
import { createRitualsService } from './service.js';
import { createAssessmentSection } from '../assessment/digest-section.js';
import { createFollowUpsSection } from './follow-ups-digest-section.js';
import type { SettingsService } from '../settings/service.js';
import type { Notifier } from '../../slack/notifier.js';
import { createRitualPoster } from './slack/poster.js';

/**
 * The rituals feature's wiring: services for listeners and App Home, the scheduled jobs, and the section list the
 * GTM review digest reads. `sections` starts with the assessment and follow-up providers; other features push
 * theirs (mqa, kpis, risks) into the same array before the first tick.
 */
export function createRitualsFeature(deps: {
  db: Db;
  client: webApi.WebClient;
  notifier: Notifier;
  settings: SettingsService;
  clock: Clock;
  logger: Logger;
  home?: HomeRefresher;
  /** Test hook: a shorter lease than the production 40 minutes. */
  leaseMs?: number;
}) {
  const rituals = createRitualsRepository(deps.db);
  const posts = createRitualPostsRepository(deps.db);
  const followUps = createFollowUpsRepository(deps.db);
  const poster = createRitualPoster(deps.client, deps.notifier, deps.logger);
  const home = deps.home ?? noHomeRefresh;
  const sections: DigestSectionProvider[] = [createAssessmentSection(createAssessmentsRepository(deps.db)), createFollowUpsSection(followUps)];

  const ritualsService = createRitualsService({
    rituals,
    posts,
    isAdmin: (teamId, userId) => deps.settings.isAdmin(teamId, userId),
    teamTimeZone: async (teamId) => (await deps.settings.getSettings(teamId)).timeZone,
    clock: deps.clock,
    home,
  });
  const followUpsService = createFollowUpsService({ followUps, posts, rituals, poster, clock: deps.clock, logger: deps.logger, home });
  const posting = createRitualPosting({ rituals, posts, followUps, poster, sections, logger: deps.logger, ...(deps.leaseMs ? { leaseMs: deps.leaseMs } : {}) });

  const jobs: ScheduledJob[] = [
    // Records due occurrences once, posts them under a lease, retries failures with backoff, catches up after downtime.
    { name: 'ritual-posts', run: (now) => posting.run(now) },
    // DMs owners on their follow-ups' due dates.
    { name: 'follow-up-reminders', run: (now) => followUpsService.sendDueReminders(now) },
  ];
  return { rituals: ritualsService, followUps: followUpsService, jobs, sections };
}
