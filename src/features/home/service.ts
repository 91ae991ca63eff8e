import type { HomeViewersRepository } from './repository.js';
import type { StoredRisk } from '../risks/repository.js';
import type { AssessmentSummary } from '../assessment/service.js';
import type { Clock } from '../../kernel/clock.js';
import type { RiskService } from '../risks/service.js';
import type { HomeFollowUp, HomeMqaItem, HomeRitual, HomeSources } from './sources.js';

/** A Home section backed by another feature: not wired yet, or its items (all of them; the view cuts). */
export type HomeSection<T> = { wired: false } | { wired: true; items: T[] };

export interface HomeData {
  userId: string;
  isAdmin: boolean;
  now: Date;
  latest: AssessmentSummary | undefined;
  rituals: HomeSection<HomeRitual>;
  followUps: HomeSection<HomeFollowUp>;
  mqa: HomeSection<HomeMqaItem>;
  /** `today` and `timeZone` are the team's: review and due dates are days there. */
  risks: { top: StoredRisk[]; total: number; today: string; timeZone: string };
  /** Open risks this viewer owns, highest score first (at most HOME_OWNED_RISKS). */
  myRisks: StoredRisk[];
}

export const HOME_TOP_RISKS = 5;
/** Enough of the viewer's own risks to find every overdue review; the view shows a few and counts the rest. */
export const HOME_OWNED_RISKS = 200;

export interface HomeServiceDeps {
  assessments: { latestSummary(teamId: string): Promise<AssessmentSummary | undefined> };
  settings: { isAdmin(teamId: string, userId: string): Promise<boolean> };
  risks: RiskService;
  sources: HomeSources;
  viewers: HomeViewersRepository;
  clock: Clock;
}

export function createHomeService(deps: HomeServiceDeps) {
  const { sources, clock } = deps;

  async function section<T>(load: (() => Promise<T[]>) | undefined): Promise<HomeSection<T>> {
    return load ? { wired: true, items: await load() } : { wired: false };
  }

  return {
    /** Remembers the viewer so team-wide refreshes reach them later. */
    opened: (teamId: string, userId: string) => deps.viewers.remember(teamId, userId, clock()),

    async load(teamId: string, userId: string): Promise<HomeData> {
      const now = clock();
      const [latest, isAdmin, rituals, followUps, mqa, risks, mine] = await Promise.all([
        deps.assessments.latestSummary(teamId),
        deps.settings.isAdmin(teamId, userId),
        section(sources.nextRituals && (() => sources.nextRituals!(teamId, now))),
        section(sources.openFollowUps && (() => sources.openFollowUps!(teamId, userId, now))),
        section(sources.myMqaItems && (() => sources.myMqaItems!(teamId, userId, now))),
        deps.risks.listOpen(teamId, 1, HOME_TOP_RISKS),
        deps.risks.openOwnedBy(teamId, userId, HOME_OWNED_RISKS),
      ]);
      return {
        userId,
        isAdmin,
        now,
        latest,
        rituals,
        followUps,
        mqa,
        risks: { top: risks.risks, total: risks.total, today: risks.today, timeZone: risks.timeZone },
        myRisks: mine,
      };
    },
  };
}

export type HomeService = ReturnType<typeof createHomeService>;
