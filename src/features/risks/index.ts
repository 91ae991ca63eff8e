import type { webApi } from '@slack/bolt';
import type { StoredRitual } from '../rituals/repository.js';
import { ritualTitle } from '../rituals/domain/ritual-title.js';
import { isReviewOverdue, localDateTime } from './domain/index.js';
import { createHomeViewersRepository } from '../home/repository.js';
import { createRisksRepository } from './repository.js';
import type { Db } from '../../db/open-database.js';
import type { Logger } from '../../logging/logger.js';
import type { InFlight } from '../../kernel/in-flight.js';
import type { AssessmentService } from '../assessment/service.js';
import type { Clock } from '../../kernel/clock.js';
import { createHomeRefresher } from '../home/refresher.js';
import { createHomeService } from '../home/service.js';
import type { HomeMqaItem, HomeRitual, HomeSources } from '../home/sources.js';
import { withHomeRefresh } from '../assessment/refreshing-service.js';
import { createRiskDigestSectionProvider } from './digest-section.js';
import { createRiskReviewJob } from './job.js';
import { createRiskService } from './service.js';
import type { SettingsService } from '../settings/service.js';
import type { Notifier } from '../../slack/notifier.js';
import { createHomePublisher } from '../home/slack/publisher.js';
import { createRiskReviewNotifier } from './slack/review-notifier.js';

/**
 * App Home's refresh port, made first so every feature that changes Home data can take it; it publishes once
 * `createRiskHomeFeature` has connected the Home builder.
 */
export function createHomeRefresh(deps: { db: Db; inFlight: InFlight; logger: Logger }) {
  return createHomeRefresher({
    viewers: createHomeViewersRepository(deps.db),
    run: (task) => deps.inFlight.run(task),
    onError: (error, userId) => deps.logger.warn('App Home refresh failed', { userId, error }),
  });
}

/** What the MQA feature's read model gives Home (structural, so Home doesn't depend on the MQA feature's types). */
type MqaItemsFor = (teamId: string, userId: string) => Promise<{ mine: MqaLike[]; overdue: MqaLike[] }>;
interface MqaLike {
  id: number;
  accountName: string;
  status: string;
  /** The status as people read it, from the MQA feature. */
  statusLabel: string;
}

/** Adapts the MQA read model to Home's port: the viewer's own open items, the overdue ones flagged. */
export function mqaHomeSource(itemsFor: MqaItemsFor): NonNullable<HomeSources['myMqaItems']> {
  return async (teamId, userId) => {
    const { mine, overdue } = await itemsFor(teamId, userId);
    const overdueIds = new Set(overdue.map((i) => i.id));
    const toHome = (i: MqaLike): HomeMqaItem => ({ accountName: i.accountName, status: i.statusLabel, overdue: overdueIds.has(i.id) });
    const mineIds = new Set(mine.map((i) => i.id));
    return [...overdue.filter((i) => mineIds.has(i.id)), ...mine.filter((i) => !overdueIds.has(i.id)), ...overdue.filter((i) => !mineIds.has(i.id))].map(toHome);
  };
}

/**
 * The risk register and App Home wiring in one place: the risk service for listeners, the review-date job, the
 * digest's 'risks' provider, the Home service, and the assessment service wrapped so a new assessment refreshes
 * the team's Home.
 */
export function createRiskHomeFeature(deps: {
  db: Db;
  client: webApi.WebClient;
  notifier: Notifier;
  settings: SettingsService;
  assessments: AssessmentService;
  homeRefresh: ReturnType<typeof createHomeRefresh>;
  sources: HomeSources;
  clock: Clock;
}) {
  const risksRepository = createRisksRepository(deps.db);
  const risks = createRiskService({
    risks: risksRepository,
    teamTimeZone: async (teamId) => (await deps.settings.getSettings(teamId)).timeZone,
    reviewNotifier: createRiskReviewNotifier(deps.notifier),
    home: deps.homeRefresh,
    clock: deps.clock,
  });
  const home = createHomeService({
    assessments: deps.assessments,
    settings: deps.settings,
    risks,
    sources: deps.sources,
    viewers: createHomeViewersRepository(deps.db),
    clock: deps.clock,
  });
  deps.homeRefresh.connect(createHomePublisher(deps.client, home));
  return {
    risks,
    home,
    assessments: withHomeRefresh(deps.assessments, deps.homeRefresh),
    job: createRiskReviewJob(risks),
    digestProvider: createRiskDigestSectionProvider({ risks: risksRepository }),
  };
}

/** Adapts the rituals service's upcoming occurrences to Home: the next one of each ritual, soonest first. */
export function ritualsHomeSource(
  nextOccurrences: (teamId: string, now: Date, limit: number) => Promise<Array<{ ritual: Pick<StoredRitual, 'id' | 'kind' | 'name' | 'channelId'>; at: Date }>>,
): NonNullable<HomeSources['nextRituals']> {
  return async (teamId, now) => {
    const seen = new Set<number>();
    const next: HomeRitual[] = [];
    for (const { ritual, at } of await nextOccurrences(teamId, now, 100)) {
      if (seen.has(ritual.id)) continue;
      seen.add(ritual.id);
      // Unnamed rituals go by their kind ("GTM review"), as in their own posts.
      next.push({ name: ritualTitle(ritual), nextAt: at, channelId: ritual.channelId });
    }
    return next;
  };
}

/** Adapts the follow-ups service to Home: the viewer's open actions, overdue when the due date is over where it was set. */
export function followUpsHomeSource(
  openFollowUpsFor: (teamId: string, userId: string) => Promise<Array<{ what: string; dueDate: string; timeZone: string }>>,
): NonNullable<HomeSources['openFollowUps']> {
  return async (teamId, userId, now) =>
    (await openFollowUpsFor(teamId, userId)).map((f) => ({
      text: f.what,
      dueDate: f.dueDate,
      overdue: isReviewOverdue(f.dueDate, localDateTime(now, f.timeZone).date),
    }));
}
