import type SQLite from 'better-sqlite3';
import { BENCH_TEAM, OTHER_TEAMS } from './datasets.js';
import type { Random } from './random.js';

const DAY_MS = 86_400_000;
const SOURCES = ['direct_request', 'intent_signal', 'engagement', 'event', 'partner', 'other'] as const;
const SEGMENTS = ['pure_plg', 'plg_sales_assist', 'sales_led_freemium', 'devtools_plg'] as const;
const REGIONS = ['EMEA', 'NA', 'APAC', 'LATAM'] as const;
const TIERS = ['tier-1', 'tier-2', 'tier-3'] as const;
const TOPICS = ['sso', 'audit-logs', 'usage-based-pricing', 'data-residency', 'api-limits', 'seats'] as const;

/** Journeys through the MQA lifecycle with rough real-world odds; the last status is the item's status. */
function journey(random: Random): string[] {
  const path = ['in_review'];
  if (random.chance(0.15)) return [...path, 'rejected'];
  path.push('validated', 'shared');
  const roll = random.next();
  if (roll < 0.1) return path; // waiting for Sales (some overdue)
  if (roll < 0.15) return [...path, 'not_a_fit'];
  path.push('acknowledged');
  if (random.chance(0.1)) return [...path, 'stalled', ...(random.chance(0.4) ? ['re_entered', 'in_progress'] : [])];
  if (random.chance(0.2)) return path;
  path.push('in_progress');
  const end = random.next();
  return end < 0.3 ? [...path, 'won'] : end < 0.7 ? [...path, 'lost'] : path;
}

/** MQA items over three years, each with its 'created' and 'status' events (about five per item). */
export function fillMqaItems(db: SQLite.Database, rows: number, random: Random): void {
  const start = Date.UTC(2023, 10, 23);
  const span = 3 * 365 * DAY_MS;
  const insertItem = db.prepare(
    `insert into mqa_items (team_id, account_name, domain, segment, tier, region, intent_topics, evidence, source, priority, owner_id,
       external_id, status, rejection_reason, sales_channel_id, review_channel_id, created_by, created_at, last_activity_at, shared_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertEvent = db.prepare(
    'insert into mqa_events (item_id, team_id, type, from_status, to_status, actor, at, note) values (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (let i = 0; i < rows; i += 1) {
    const team = random.chance(0.8) ? BENCH_TEAM : random.pick(OTHER_TEAMS);
    const createdMs = start + Math.floor((i / rows) * span) + random.int(0, DAY_MS);
    const path = journey(random);
    let at = createdMs;
    const times = path.map((_, step) => {
      if (step > 0) at += random.int(1, 10 * 24) * 3_600_000;
      return at;
    });
    const status = path.at(-1) as string;
    const sharedIndex = path.indexOf('shared');
    const owner = `U0SALES${random.int(1, 60)}`;
    const { lastInsertRowid } = insertItem.run(
      team,
      `Account ${i + 1} GmbH`,
      `account-${i + 1}.example`,
      random.pick(SEGMENTS),
      random.pick(TIERS),
      random.pick(REGIONS),
      JSON.stringify([random.pick(TOPICS), random.pick(TOPICS)]),
      random.chance(0.5) ? `Visited pricing ${random.int(2, 30)} times; 3 seats active <trial>` : null,
      random.pick(SOURCES),
      random.chance(0.2) ? 'high' : 'normal',
      sharedIndex >= 0 ? owner : null,
      random.chance(0.5) ? `crm-${i + 1}` : null,
      status,
      status === 'rejected' || status === 'not_a_fit' ? 'Not in our ICP' : null,
      sharedIndex >= 0 ? `C0SALES${random.int(1, 10)}` : null,
      'C0MQAREVIEW',
      `U0MKTG${random.int(1, 15)}`,
      new Date(createdMs).toISOString(),
      new Date(times.at(-1) as number).toISOString(),
      sharedIndex >= 0 ? new Date(times[sharedIndex] as number).toISOString() : null,
    );
    const id = Number(lastInsertRowid);
    path.forEach((to, step) => {
      const actor = step === 0 ? `U0MKTG${random.int(1, 15)}` : owner;
      const when = new Date(times[step] as number).toISOString();
      if (step === 0) insertEvent.run(id, team, 'created', null, to, actor, when, null);
      else insertEvent.run(id, team, 'status', path[step - 1], to, actor, when, null);
    });
  }
}
