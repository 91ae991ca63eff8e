import type SQLite from 'better-sqlite3';
import { RISK_CATEGORIES } from '../../src/features/risks/domain/index.js';
import { type Cadence, occurrencesBetween, type RitualKind } from '../../src/features/rituals/domain/index.js';
import { BENCH_TEAM, OTHER_TEAMS } from './datasets.js';
import type { Random } from './random.js';

const DAY_MS = 86_400_000;
/** The generated data spans three years ending here (the data-scale "now"). */
export const DATA_END = new Date('2026-11-23T10:00:00Z');
const DATA_START = new Date(DATA_END.getTime() - 3 * 365 * DAY_MS);
export const BENCH_TIME_ZONE = 'Europe/Berlin';
/** The bench team's ritual channels (GTM review, monthly sync, stand-up): the Slack double has them. */
export const BENCH_RITUAL_CHANNELS = ['C0GTMREVIEW', 'C0SYNC', 'C0PIPELINE'] as const;

/** People who own follow-ups and risks: the sales and marketing people of the MQA data, so Home has all sections. */
const PEOPLE = [
  ...Array.from({ length: 20 }, (_, i) => `U0SALES${i + 1}`),
  ...Array.from({ length: 15 }, (_, i) => `U0MKTG${i + 1}`),
];

interface RitualSeed {
  teamId: string;
  kind: RitualKind;
  name: string;
  channelId: string;
  cadence: Cadence;
  localTime: string;
  timeZone: string;
}

/** The bench team's three rituals (a GTM review every three weeks, the monthly sync, a weekly stand-up), one GTM review per other team. */
// A function, not a constant: datasets.ts and this module import each other.
const ritualSeeds = (): RitualSeed[] => [
  {
    teamId: BENCH_TEAM,
    kind: 'gtm_review',
    name: 'GTM review',
    channelId: 'C0GTMREVIEW',
    cadence: { type: 'weekly', everyWeeks: 3, weekday: 2, anchorDate: '2023-11-28' },
    localTime: '10:00',
    timeZone: BENCH_TIME_ZONE,
  },
  {
    teamId: BENCH_TEAM,
    kind: 'monthly_sync',
    name: 'Marketing & Sales sync',
    channelId: 'C0SYNC',
    cadence: { type: 'monthly_weekday', nth: 1, weekday: 4 },
    localTime: '16:00',
    timeZone: BENCH_TIME_ZONE,
  },
  {
    teamId: BENCH_TEAM,
    kind: 'custom',
    name: 'Pipeline stand-up',
    channelId: 'C0PIPELINE',
    cadence: { type: 'weekly', everyWeeks: 1, weekday: 1, anchorDate: '2023-11-27' },
    localTime: '09:30',
    timeZone: BENCH_TIME_ZONE,
  },
  ...OTHER_TEAMS.map(
    (teamId, i): RitualSeed => ({
      teamId,
      kind: 'gtm_review',
      name: 'GTM review',
      channelId: `C0${teamId.slice(2)}`,
      cadence: { type: 'weekly', everyWeeks: 3, weekday: 1 + (i % 5), anchorDate: '2023-11-27' },
      localTime: '15:00',
      timeZone: i % 2 === 0 ? 'America/New_York' : 'Europe/London',
    }),
  ),
];

/**
 * Rituals with every occurrence of the three years recorded as posted, as the ritual job leaves them. The row count
 * does not scale: the bench team always has its GTM review and monthly sync, which the measures post.
 */
export function fillRituals(db: SQLite.Database): void {
  const created = DATA_START.toISOString();
  const insertRitual = db.prepare(
    `insert into rituals (team_id, kind, name, channel_id, cadence, local_time, time_zone, skip_dates, paused, heads_up_hours, grace_hours, schedule_from, created_by, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, '[]', 0, null, 6, ?, 'U0MKTG1', ?, ?)`,
  );
  const insertPost = db.prepare(
    `insert into ritual_posts (team_id, ritual_id, occurrence_at, kind, status, attempts, next_attempt_at, channel_id, posted_ts, posted_at, created_at)
     values (?, ?, ?, 'post', 'posted', 1, ?, ?, ?, ?, ?)`,
  );
  for (const r of ritualSeeds()) {
    const { lastInsertRowid } = insertRitual.run(
      r.teamId,
      r.kind,
      r.name,
      r.channelId,
      JSON.stringify(r.cadence),
      r.localTime,
      r.timeZone,
      created,
      created,
      created,
    );
    const schedule = { cadence: r.cadence, localTime: r.localTime, timeZone: r.timeZone, skipDates: [], paused: false };
    for (const at of occurrencesBetween(schedule, DATA_START, new Date(DATA_END.getTime() + 1))) {
      const iso = at.toISOString();
      const postedAt = new Date(at.getTime() + 2000);
      insertPost.run(
        r.teamId,
        Number(lastInsertRowid),
        iso,
        iso,
        r.channelId,
        `${Math.floor(postedAt.getTime() / 1000)}.000100`,
        postedAt.toISOString(),
        iso,
      );
    }
  }
}

const ACTIONS = [
  'Agree the MQA definition with Sales & SDRs',
  'Fix the <lead source> mapping in the CRM',
  'Review webinar → MQL conversion with the events team',
  'Share the win/loss notes from last quarter',
  'Cut paid search spend on brand terms by 20%',
  'Draft the partner co-marketing plan',
  'Update the ICP one-pager',
  'Chase product for the activation events',
];

const localDate = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone: BENCH_TIME_ZONE }).format(new Date(ms));

/** Follow-ups added on the bench team's ritual posts over three years (old ones mostly done), a tenth for other teams. */
export function fillFollowUps(db: SQLite.Database, rows: number, random: Random): void {
  const posts = db
    // Not on a ritual's last post: the measures post that occurrence again (deleting its row first).
    .prepare(
      `select id, ritual_id, occurrence_at, channel_id, posted_ts from ritual_posts p where team_id = ? and kind = 'post'
         and occurrence_at < (select max(occurrence_at) from ritual_posts q where q.ritual_id = p.ritual_id) order by occurrence_at`,
    )
    .all(BENCH_TEAM) as Array<{
    id: number;
    ritual_id: number;
    occurrence_at: string;
    channel_id: string;
    posted_ts: string;
  }>;
  if (posts.length === 0) throw new Error('follow-ups need the rituals dataset first');
  const insert = db.prepare(
    `insert into follow_ups (team_id, ritual_id, post_id, what, owner_id, due_date, time_zone, status, created_by, created_at, done_at, done_by, reminded_at, thread_channel_id, thread_message_ts)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (let i = 0; i < rows; i += 1) {
    const post = posts[Math.min(posts.length - 1, Math.floor((i / rows) * posts.length))]!;
    const team = random.chance(0.9) ? BENCH_TEAM : random.pick(OTHER_TEAMS);
    const createdMs = Date.parse(post.occurrence_at) + random.int(5, 120) * 60_000;
    const dueMs = createdMs + random.int(2, 21) * DAY_MS;
    const owner = random.pick(PEOPLE);
    // Old actions are mostly closed; recent ones often still open, some overdue.
    const age = DATA_END.getTime() - dueMs;
    const done = age > 60 * DAY_MS ? random.chance(0.95) : random.chance(0.5);
    const doneMs = done ? Math.min(DATA_END.getTime() - 60_000, createdMs + random.int(1, 25) * DAY_MS) : null;
    const bench = team === BENCH_TEAM;
    insert.run(
      team,
      bench ? post.ritual_id : null,
      bench ? post.id : null,
      random.pick(ACTIONS),
      owner,
      localDate(dueMs),
      BENCH_TIME_ZONE,
      done ? 'done' : 'open',
      random.pick(PEOPLE),
      new Date(createdMs).toISOString(),
      doneMs === null ? null : new Date(doneMs).toISOString(),
      doneMs === null ? null : owner,
      dueMs < DATA_END.getTime() ? new Date(dueMs).toISOString() : null,
      bench ? post.channel_id : null,
      bench ? post.posted_ts : null,
    );
  }
}

const RISK_TITLES = [
  'Paid search CAC rising faster than win rate',
  'Single partner sources 40% of pipeline',
  'SDR team under-staffed for Q1 <hiring freeze>',
  'Brand confused with a competitor in EMEA',
  'Webinar attendance dropping',
  'Product-qualified signal not reaching Sales',
];

/** Risks over three years (recent ones mostly open), each with its created event and a few rescorings. */
export function fillRisks(db: SQLite.Database, rows: number, random: Random): void {
  const insertRisk = db.prepare(
    `insert into risks (team_id, category, title, description, likelihood, impact, score, mitigation, kpis, owner_id, review_date, status, resolution, closed_by, closed_at, created_by, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertEvent = db.prepare(
    `insert into risk_events (risk_id, team_id, type, actor, at, likelihood, impact, score, changes, note) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const span = DATA_END.getTime() - DATA_START.getTime();
  for (let i = 0; i < rows; i += 1) {
    const team = random.chance(0.85) ? BENCH_TEAM : random.pick(OTHER_TEAMS);
    const createdMs = DATA_START.getTime() + Math.floor((i / rows) * span) + random.int(0, DAY_MS);
    const recent = DATA_END.getTime() - createdMs < 365 * DAY_MS;
    const open = recent ? random.chance(0.7) : random.chance(0.15);
    // Score history: created, then 0-4 rescorings; the risk row holds the last one.
    const scores: Array<{ at: number; likelihood: number; impact: number }> = [
      { at: createdMs, likelihood: random.int(1, 5), impact: random.int(1, 5) },
    ];
    for (let k = random.int(0, 4); k > 0; k -= 1) {
      const at = scores.at(-1)!.at + random.int(3, 60) * DAY_MS;
      if (at >= DATA_END.getTime()) break;
      scores.push({ at, likelihood: random.int(1, 5), impact: random.int(1, 5) });
    }
    const last = scores.at(-1)!;
    const owner = random.pick(PEOPLE);
    const closedMs = open ? null : Math.min(DATA_END.getTime() - 60_000, last.at + random.int(1, 30) * DAY_MS);
    const reviewMs = last.at + random.int(14, 90) * DAY_MS;
    const { lastInsertRowid } = insertRisk.run(
      team,
      random.pick(RISK_CATEGORIES).key,
      random.pick(RISK_TITLES),
      'Seen in the last two GTM reviews; numbers in the KPI section.',
      last.likelihood,
      last.impact,
      last.likelihood * last.impact,
      'Weekly check in the pipeline stand-up & a fallback channel plan.',
      'Win rate, CAC payback',
      owner,
      localDate(reviewMs),
      open ? 'open' : 'closed',
      open ? null : 'Mitigated',
      open ? null : owner,
      closedMs === null ? null : new Date(closedMs).toISOString(),
      random.pick(PEOPLE),
      new Date(createdMs).toISOString(),
      new Date(closedMs ?? last.at).toISOString(),
    );
    const riskId = Number(lastInsertRowid);
    scores.forEach((s, k) => {
      const score = s.likelihood * s.impact;
      insertEvent.run(
        riskId,
        team,
        k === 0 ? 'created' : 'rescored',
        owner,
        new Date(s.at).toISOString(),
        s.likelihood,
        s.impact,
        score,
        null,
        null,
      );
    });
    if (closedMs !== null)
      insertEvent.run(
        riskId,
        team,
        'closed',
        owner,
        new Date(closedMs).toISOString(),
        last.likelihood,
        last.impact,
        last.likelihood * last.impact,
        null,
        'Mitigated',
      );
  }
}
