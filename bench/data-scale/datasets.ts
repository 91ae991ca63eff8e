import type SQLite from 'better-sqlite3';
import { DIMENSIONS, SEGMENT_KEYS } from '../../src/features/assessment/domain/index.js';
import { fillGtmData } from '../generators/gtm-data.js';
import { fillMqaItems } from './mqa-dataset.js';
import type { Random } from './random.js';
import { fillFollowUps, fillRisks, fillRituals } from './rituals-dataset.js';

/** The team whose views are measured; other teams' rows are there so every query has to filter by team. */
export const BENCH_TEAM = 'T0BENCH';
export const OTHER_TEAMS = Array.from({ length: 9 }, (_, i) => `T0OTHER${i}`);

/**
 * One kind of synthetic data. `fill` writes `rows` rows with plain prepared statements in one transaction
 * (`rowsOf` gives another dataset's scaled row count, for a generator that writes several related tables).
 * A dataset without `fill` and without `writtenWith` is one whose tables are not built yet: it is reported as
 * pending, never faked. The row count reported is what the table holds afterwards, counted.
 */
export interface Dataset {
  name: string;
  /** The table that must exist for this dataset to be generated. */
  table: string;
  rows: number;
  fill?: (db: SQLite.Database, rows: number, random: Random, rowsOf: (table: string) => number) => void;
  /** The table of the dataset whose `fill` writes this one too (listed earlier). */
  writtenWith?: string;
  /** false: the row count does not scale (a fixed set the measures need, e.g. the bench team's rituals). */
  scales?: boolean;
}

const DAY_MS = 86_400_000;
const FLAG_KEYS = DIMENSIONS.flatMap((d) => d.redFlags.map((f) => f.key));
const NOTES = [
  'Events from the product reach the CRM with a day of delay.',
  'Activation metric agreed with product & sales <finally>.',
  'PQL definition still debated; see the GTM review notes.',
  'Campaigns run monthly; no behavioural triggers yet.',
];

/** Assessments spread over three years: mostly the bench team (scores drifting up over time), some other teams. */
function fillAssessments(db: SQLite.Database, rows: number, random: Random): void {
  const start = Date.UTC(2023, 10, 23);
  const span = 3 * 365 * DAY_MS;
  const insertAssessment = db.prepare(
    `insert into assessments (team_id, user_id, segment, origin_channel_id, target_channel_id, source_view_id, created_at, posted_channel_id, posted_ts)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertScore = db.prepare(
    'insert into assessment_scores (assessment_id, dimension, score, note) values (?, ?, ?, ?)',
  );
  const insertFlag = db.prepare('insert or ignore into assessment_red_flags (assessment_id, flag_key) values (?, ?)');
  db.prepare(
    `insert or ignore into teams (team_id, segment, assessments_channel_id, time_zone, created_at, updated_at) values (?, ?, ?, ?, ?, ?)`,
  ).run(
    BENCH_TEAM,
    'plg_sales_assist',
    'C0ASSESS',
    'Europe/Berlin',
    new Date(start).toISOString(),
    new Date(start).toISOString(),
  );
  for (let i = 0; i < rows; i += 1) {
    const progress = i / rows;
    const team = random.chance(0.8) ? BENCH_TEAM : random.pick(OTHER_TEAMS);
    const createdAt = new Date(start + Math.floor(progress * span) + random.int(0, DAY_MS)).toISOString();
    const channel = team === BENCH_TEAM ? 'C0ASSESS' : `C0${team.slice(2)}`;
    const ts = `${Math.floor(Date.parse(createdAt) / 1000)}.${String(i).padStart(6, '0')}`;
    const { lastInsertRowid } = insertAssessment.run(
      team,
      `U0USER${random.int(1, 40)}`,
      team === BENCH_TEAM ? 'plg_sales_assist' : random.pick(SEGMENT_KEYS),
      channel,
      channel,
      `V0BENCH${i}`,
      createdAt,
      channel,
      ts,
    );
    const id = Number(lastInsertRowid);
    for (const dimension of DIMENSIONS) {
      const base = 1 + progress * 3;
      const score = Math.min(5, Math.max(1, Math.round(base + random.next() * 2 - 1)));
      insertScore.run(id, dimension.key, score, random.chance(0.3) ? random.pick(NOTES) : null);
    }
    for (let f = random.int(0, 3); f > 0; f -= 1) insertFlag.run(id, random.pick(FLAG_KEYS));
  }
}

/**
 * GTM data from the KPI generator: the bench team gets the target volumes; another team gets a tenth more (so every
 * KPI query has to filter by team), hence the counted totals are 10 % above the targets.
 */
function fillGtm(db: SQLite.Database, touchpoints: number, random: Random, rowsOf: (table: string) => number): void {
  const volumes = { touchpoints, deals: rowsOf('gtm_deals'), leads: rowsOf('gtm_leads') };
  fillGtmData(db, BENCH_TEAM, volumes, random);
  const tenth = (n: number) => Math.max(1, Math.round(n / 10));
  fillGtmData(
    db,
    OTHER_TEAMS[0] as string,
    { touchpoints: tenth(volumes.touchpoints), deals: tenth(volumes.deals), leads: tenth(volumes.leads) },
    random,
  );
}

/** The target data set, in the order of the targets; then what the digest and Home need to have content. */
export const DATASETS: Dataset[] = [
  { name: 'MQA items (with their events)', table: 'mqa_items', rows: 100_000, fill: fillMqaItems },
  { name: 'touchpoints (bench team + 10 % another team)', table: 'gtm_touchpoints', rows: 1_000_000, fill: fillGtm },
  { name: 'deals (bench team + 10 % another team)', table: 'gtm_deals', rows: 100_000, writtenWith: 'gtm_touchpoints' },
  { name: 'leads (bench team + 10 % another team)', table: 'gtm_leads', rows: 200_000, writtenWith: 'gtm_touchpoints' },
  { name: 'assessments (with scores and red flags)', table: 'assessments', rows: 500, fill: fillAssessments },
  {
    name: 'rituals (3 of the bench team, 1 per other team)',
    table: 'rituals',
    rows: 12,
    fill: (db) => fillRituals(db),
    scales: false,
  },
  { name: 'ritual posts (every occurrence in 3 years)', table: 'ritual_posts', rows: 0, writtenWith: 'rituals' },
  { name: 'follow-ups', table: 'follow_ups', rows: 2_000, fill: fillFollowUps },
  { name: 'risks (with their score events)', table: 'risks', rows: 300, fill: fillRisks },
];
