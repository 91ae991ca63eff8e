import type SQLite from 'better-sqlite3';
import { DIMENSIONS, SEGMENT_KEYS } from '../../src/domain/assessment/index.js';
import { fillMqaItems } from './mqa-dataset.js';
import type { Random } from './random.js';

/** The team whose views are measured; other teams' rows are there so every query has to filter by team. */
export const BENCH_TEAM = 'T0BENCH';
export const OTHER_TEAMS = Array.from({ length: 9 }, (_, i) => `T0OTHER${i}`);

/**
 * One kind of synthetic data. `fill` writes `rows` rows with plain prepared statements in one transaction.
 * A dataset without `fill` is one the issue asks for whose tables are not built yet (other features are landing in
 * parallel): it is reported as pending, never faked. When its migration lands, add its `fill` here.
 */
export interface Dataset {
  name: string;
  /** The table that must exist for this dataset to be generated. */
  table: string;
  rows: number;
  fill?: (db: SQLite.Database, rows: number, random: Random) => void;
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
  const insertScore = db.prepare('insert into assessment_scores (assessment_id, dimension, score, note) values (?, ?, ?, ?)');
  const insertFlag = db.prepare('insert or ignore into assessment_red_flags (assessment_id, flag_key) values (?, ?)');
  db.prepare(`insert or ignore into teams (team_id, segment, assessments_channel_id, time_zone, created_at, updated_at) values (?, ?, ?, ?, ?, ?)`).run(
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

/** What the issue asks for, in the order it lists them. */
export const DATASETS: Dataset[] = [
  { name: 'MQA items (with their events)', table: 'mqa_items', rows: 100_000, fill: fillMqaItems },
  { name: 'touchpoints', table: 'touchpoints', rows: 1_000_000 },
  { name: 'deals', table: 'deals', rows: 100_000 },
  { name: 'leads', table: 'leads', rows: 200_000 },
  { name: 'assessments (with scores and red flags)', table: 'assessments', rows: 500, fill: fillAssessments },
];
