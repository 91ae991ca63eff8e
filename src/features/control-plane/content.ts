import type { Db } from '../../db/open-database.js';
import { dayNumber, parseLocalDate } from '../../domain/time/calendar.js';
import { localDateTime } from '../../domain/time/local-day.js';
import {
  bandFor,
  DIMENSION_KEYS,
  dimension,
  isSegmentKey,
  type ResultRef,
  segment as segmentOf,
  VERDICT_LABELS,
  verdictFor,
} from '../assessment/domain/index.js';
import { createAssessmentsRepository } from '../assessment/repository.js';
import { createKpiQueries } from '../kpis/queries.js';
import { createGtmDataRepository } from '../kpis/repository.js';
import { createKpiService, DEFAULT_KPI_WEEKS, type KpiReport, type KpiService } from '../kpis/service.js';
import { OPEN_STATUSES, STATUS_LABEL, slaState } from '../mqa/domain/index.js';
import { createMqaItemsRepository } from '../mqa/repository.js';
import { createMqaSettingsRepository } from '../mqa/settings-repository.js';
import { isReviewOverdue, SEVERITY_LABELS, scoreTrend, severityOf } from '../risks/domain/index.js';
import { createRisksRepository } from '../risks/repository.js';
import { nextOccurrences } from '../rituals/domain/index.js';
import { ritualTitle } from '../rituals/domain/ritual-title.js';
import { createFollowUpsRepository } from '../rituals/follow-ups-repository.js';
import { createRitualPostsRepository } from '../rituals/posts-repository.js';
import { createRitualsRepository } from '../rituals/repository.js';
import { createRoundsRepository } from '../rounds/repository.js';
import { createTeamResults, type TeamResult } from '../rounds/team-results.js';
import type { SettingsService } from '../settings/service.js';
import { kpiFigures } from './domain/kpi-figures.js';
import { hashOf } from './domain/plan.js';
import {
  type AssessmentFigures,
  assessmentSection,
  followUpsSection,
  kpisSection,
  LIST_LIMITS,
  type MqaEntry,
  mqaSection,
  risksSection,
  ritualsSection,
  type SectionKey,
} from './domain/sections.js';

/** Results in the assessment's trend line. */
const TREND_RESULTS = 5;
const DAY_MS = 86_400_000;
/** Far enough ahead that every stored result comes before it. */
const END_OF_TIME = new Date('9999-12-31T23:59:59.999Z');

/** Everything the canvas shows, read from the other features (read only), as canvas markdown per section. */
export interface ControlPlaneContent {
  timeZone: string;
  /** Every section but the header, ready to write. */
  sections: Record<Exclude<SectionKey, 'header'>, string>;
  /** The latest GTM review post, for the header's link. */
  reviewPost: { channelId: string; ts: string; day: string } | undefined;
  /** Each section's hash (the header's without the time it shows). */
  hashes: Record<SectionKey, string>;
}

export function createControlPlaneContent(deps: {
  db: Db;
  settings: Pick<SettingsService, 'getSettings'>;
  clock: () => Date;
  /** The KPI service (tests may pass their own); read through its public signature only. */
  kpis?: KpiService;
}) {
  const { db } = deps;
  const assessments = createAssessmentsRepository(db);
  const results = createTeamResults({ assessments, rounds: createRoundsRepository(db) });
  const mqaItems = createMqaItemsRepository(db);
  const mqaSettings = createMqaSettingsRepository(db);
  const followUps = createFollowUpsRepository(db);
  const rituals = createRitualsRepository(db);
  const posts = createRitualPostsRepository(db);
  const risks = createRisksRepository(db);
  const kpis =
    deps.kpis ??
    createKpiService({ queries: createKpiQueries(db), data: createGtmDataRepository(db), clock: deps.clock });

  async function assessment(
    teamId: string,
    teamSegment: string | null,
    timeZone: string,
  ): Promise<AssessmentFigures | undefined> {
    const trend: TeamResult[] = [];
    // After every stored result (an id inside PostgreSQL's integer, which a query compares it with).
    let ref: ResultRef = { kind: 'assessment', id: 2_147_483_647, at: END_OF_TIME };
    while (trend.length < TREND_RESULTS) {
      const previous = await results.previousBefore(teamId, ref);
      if (!previous) break;
      trend.unshift(previous);
      ref = previous;
    }
    const latest = trend.at(-1);
    if (!latest) return undefined;
    const single = latest.kind === 'assessment' ? await assessments.findById(teamId, latest.id) : undefined;
    const segmentKey = single?.segment ?? teamSegment;
    const lowest = Math.min(...DIMENSION_KEYS.map((k) => latest.scores[k]));
    const verdict = isSegmentKey(segmentKey)
      ? `${VERDICT_LABELS[verdictFor(segmentKey, latest.overall)]} for ${segmentOf(segmentKey).name}`
      : 'no segment set to compare with';
    return {
      overall: latest.overall,
      band: latest.band,
      verdict,
      trend: trend.map((r) => r.overall),
      weakest: DIMENSION_KEYS.filter((k) => latest.scores[k] === lowest).map((k) => dimension(k).name),
      nextStep: bandFor(latest.overall).nextStep,
      source:
        latest.kind === 'assessment'
          ? 'a single assessment'
          : `a round of ${latest.respondents} ${latest.respondents === 1 ? 'respondent' : 'respondents'}`,
      day: localDateTime(latest.at, timeZone).date,
    };
  }

  /** The GTM review rituals' latest post, and when the current review period began. */
  async function latestReview(teamId: string) {
    const reviews = (await rituals.listForTeam(teamId)).filter((r) => r.kind === 'gtm_review');
    let latest: { channelId: string; ts: string; at: Date } | undefined;
    for (const r of reviews) {
      for (const p of await posts.listForRitual(r.id)) {
        if (p.kind !== 'post' || p.status !== 'posted' || !p.postedTs) continue;
        if (!latest || p.occurrenceAt > latest.at)
          latest = { channelId: p.channelId, ts: p.postedTs, at: p.occurrenceAt };
      }
    }
    return latest;
  }

  async function kpiReport(teamId: string, since: Date | undefined, now: Date, timeZone: string): Promise<KpiReport> {
    const today = parseLocalDate(localDateTime(now, timeZone).date);
    const first = since ? parseLocalDate(localDateTime(since, timeZone).date) : undefined;
    const days = today && first ? dayNumber(today) - dayNumber(first) : 0;
    // The review period so far: from the last GTM review's day to yesterday; before the first review (or on its
    // day), the three weeks the review looks back on.
    if (!since || days < 1) return kpis.lastWeeks(teamId, DEFAULT_KPI_WEEKS, timeZone);
    return kpis.report(teamId, { firstDay: localDateTime(since, timeZone).date, days, timeZone });
  }

  async function mqa(teamId: string, now: Date, timeZone: string) {
    // Every open item: the counts per status are of all of them; the canvas lists the first few (LIST_LIMITS).
    const [items, s] = await Promise.all([
      mqaItems.list(teamId, { statuses: OPEN_STATUSES, limit: Number.MAX_SAFE_INTEGER }),
      mqaSettings.get(teamId),
    ]);
    const policy = { slaBusinessDays: s.slaBusinessDays, timeZone };
    const since = (i: (typeof items)[number]) => (i.sharedAt ?? i.createdAt).getTime();
    const overdue = (i: (typeof items)[number]) =>
      i.status === 'shared' && i.sharedAt !== null && slaState(i.sharedAt, now, policy) !== 'ok';
    const groups = OPEN_STATUSES.map((status) => ({
      statusLabel: STATUS_LABEL[status],
      items: items
        .filter((i) => i.status === status)
        // Overdue first, then the oldest: what needs someone first.
        .sort((a, b) => Number(overdue(b)) - Number(overdue(a)) || since(a) - since(b) || a.id - b.id)
        .map(
          (i): MqaEntry => ({
            accountName: i.accountName,
            statusLabel: STATUS_LABEL[status],
            ownerId: i.acknowledgedBy ?? i.ownerId ?? null,
            ageDays: Math.floor((now.getTime() - since(i)) / DAY_MS),
            overdue: overdue(i),
          }),
        ),
    }));
    return { groups };
  }

  return {
    async build(teamId: string): Promise<ControlPlaneContent> {
      const now = deps.clock();
      const settings = await deps.settings.getSettings(teamId);
      const { timeZone } = settings;
      const today = localDateTime(now, timeZone).date;
      const review = await latestReview(teamId);
      const [a, report, m, open, openRisks, riskTotal, teamRituals] = await Promise.all([
        assessment(teamId, settings.segment, timeZone),
        kpiReport(teamId, review?.at, now, timeZone),
        mqa(teamId, now, timeZone),
        followUps.listForTeam(teamId),
        risks.listOpen(teamId, { limit: LIST_LIMITS.risks.maxItems, offset: 0 }),
        risks.countOpen(teamId),
        rituals.listForTeam(teamId),
      ]);
      const events = await risks.eventsOf(
        teamId,
        openRisks.map((r) => r.id),
      );
      const next = teamRituals
        .flatMap((r) =>
          // One line per ritual, its next occurrence: the canvas says what comes next, `/loop rituals` lists the rest.
          nextOccurrences(r, new Date(Math.max(now.getTime(), r.scheduleFrom.getTime())), 1).map((at) => ({
            title: ritualTitle(r),
            at,
            timeZone: r.timeZone,
            channelId: r.channelId || null,
          })),
        )
        .sort((x, y) => x.at.getTime() - y.at.getTime());
      const openFollowUps = open.filter((f) => f.status === 'open');
      const sections = {
        assessment: assessmentSection(a),
        kpis: kpisSection(kpiFigures(report)),
        mqa: mqaSection(m.groups.map((g) => ({ statusLabel: g.statusLabel, items: g.items }))),
        followups: followUpsSection(
          openFollowUps.map((f) => ({
            what: f.what,
            ownerId: f.ownerId,
            dueDate: f.dueDate,
            overdue: f.dueDate < localDateTime(now, f.timeZone).date,
          })),
        ),
        risks: risksSection(
          openRisks.map((r) => ({
            title: r.title,
            score: r.score,
            severity: SEVERITY_LABELS[severityOf(r.score)],
            ownerId: r.ownerId,
            trend: scoreTrend(
              (events.get(r.id) ?? []).map((e) => ({ at: e.at, score: e.score })),
              5,
            ),
            reviewDate: r.reviewDate,
            reviewOverdue: isReviewOverdue(r.reviewDate, today),
          })),
          riskTotal,
        ),
        rituals: ritualsSection(next.slice(0, LIST_LIMITS.rituals.maxItems), next.length),
      };
      const reviewPost = review
        ? { channelId: review.channelId, ts: review.ts, day: localDateTime(review.at, timeZone).date }
        : undefined;
      return {
        timeZone,
        sections,
        reviewPost,
        hashes: {
          header: hashOf(JSON.stringify({ reviewPost: reviewPost ?? null, timeZone })),
          assessment: hashOf(sections.assessment),
          kpis: hashOf(sections.kpis),
          mqa: hashOf(sections.mqa),
          followups: hashOf(sections.followups),
          risks: hashOf(sections.risks),
          rituals: hashOf(sections.rituals),
        },
      };
    },
  };
}

export type ControlPlaneContentLoader = ReturnType<typeof createControlPlaneContent>;
