import { createAssessmentsRepository } from '../../src/db/repositories/assessments-repository.js';
import type { Db } from '../../src/db/open-database.js';
import { createAssessmentService } from '../../src/services/assessment-service.js';
import { systemClock } from '../../src/services/clock.js';
import { assessmentSummaryMessage } from '../../src/slack/views/assessment-summary.js';
import { createMqaItemsRepository } from '../../src/db/repositories/mqa-items-repository.js';
import { createMqaSettingsRepository } from '../../src/db/repositories/mqa-settings-repository.js';
import { createMqaReadModels } from '../../src/services/mqa/mqa-views.js';
import { homeView } from '../../src/slack/views/home.js';
import { BENCH_TEAM } from './datasets.js';

/**
 * One thing a person waits for, built from the generated database the way the app builds it (services and pure
 * view builders, no Slack). A measure without `run` is one the issue asks for whose service is not built yet.
 */
export interface Measure {
  name: string;
  run?: (db: Db) => Promise<unknown>;
}

function assessmentService(db: Db) {
  return createAssessmentService({
    assessments: createAssessmentsRepository(db),
    poster: {
      postSummary: () => {
        throw new Error('the data-scale benchmark never posts');
      },
    },
    clock: systemClock,
  });
}

/** The MQA read models as the app wires them (team time zone fixed: the bench team's). */
function mqaReadModels(db: Db) {
  return createMqaReadModels({
    items: createMqaItemsRepository(db),
    settings: createMqaSettingsRepository(db),
    timeZoneOf: async () => 'Europe/Berlin',
    clock: () => NOW,
  });
}

/** "Now" for the generated data: the end of its three years. */
const NOW = new Date('2026-11-23T10:00:00Z');
const MONTH_MS = 30 * 86_400_000;

export const MEASURES: Measure[] = [
  // Add the digest and the monthly sync here when the rituals feature's services land (src/services/rituals/).
  { name: 'GTM review digest' },
  {
    name: 'GTM digest: MQA section (last month)',
    run: (db) =>
      mqaReadModels(db).digestProvider.build({ teamId: BENCH_TEAM, from: new Date(NOW.getTime() - MONTH_MS), to: NOW, timeZone: 'Europe/Berlin' }),
  },
  { name: 'App Home: MQA items for one person', run: (db) => mqaReadModels(db).itemsFor(BENCH_TEAM, 'U0SALES7') },
  { name: 'monthly sync post' },
  {
    name: 'App Home view',
    // The assessment part of Home from the generated data; rituals, follow-ups and MQA sections are shown as not
    // wired and risks as empty until the App Home service (issue 7) can be built here with its sources.
    run: async (db) =>
      JSON.stringify(
        homeView({
          userId: 'U0USER1',
          isAdmin: true,
          now: NOW,
          latest: await assessmentService(db).latestSummary(BENCH_TEAM),
          rituals: { wired: false },
          followUps: { wired: false },
          mqa: { wired: false },
          risks: { top: [], total: 0, today: '2026-11-23' },
          myRisks: [],
        }),
      ),
  },
  {
    name: 'latest assessment summary post',
    run: async (db) => {
      const latest = await assessmentService(db).latestSummary(BENCH_TEAM);
      if (!latest) throw new Error('no assessment generated for the bench team');
      return JSON.stringify(assessmentSummaryMessage(latest));
    },
  },
];
