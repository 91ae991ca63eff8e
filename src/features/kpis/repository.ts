import type { Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import { knownTeams } from '../../db/known-teams.js';
import type { Db } from '../../db/open-database.js';
import type { DealRecord, GtmKind, GtmRecordOf, LeadRecord, SpendRecord, TouchpointRecord } from './domain/index.js';
import {
  conversionDaysOf,
  noDaysTouched,
  refreshRollups,
  touchedByRecords,
  touchedByStored,
  touchedLeadsOf,
  touchedLeadsStored,
} from './rollups/maintain.js';

export interface UpsertCounts {
  created: number;
  updated: number;
}

export interface GtmDataRepository {
  /**
   * Writes every record or none (one transaction); a record whose id is already stored replaces it. The KPI rollups
   * of the days the old and new rows fall on are recomputed in the same transaction.
   */
  upsert<K extends GtmKind>(teamId: string, kind: K, records: Array<GtmRecordOf[K]>, now: Date): Promise<UpsertCounts>;
  /** The currencies of the team's stored deals and spend, to warn when amounts cannot be summed. */
  currencies(teamId: string): Promise<{ deals: string[]; spend: string[] }>;
  /** Teams that have set Loopkeeper up, so an import without --team can pick the only one. */
  knownTeams(): Promise<string[]>;
  /** Rows stored per kind for a team (import summaries and tests). */
  countRows(teamId: string, kind: GtmKind): Promise<number>;
}

const iso = (at: Date | null | undefined) => (at ? at.toISOString() : null);
// 500 rows x at most 13 columns stays far below SQLite's bound-parameter limit.
const BATCH = 500;

function rowOf(kind: GtmKind, teamId: string, record: GtmRecordOf[GtmKind], updatedAt: string) {
  switch (kind) {
    case 'leads': {
      const l = record as LeadRecord;
      return {
        team_id: teamId,
        id: l.id,
        account: l.account,
        source: l.source,
        subscriber_at: iso(l.stages.subscriber),
        lead_at: iso(l.stages.lead),
        engaged_lead_at: iso(l.stages.engaged_lead),
        mql_at: iso(l.stages.mql),
        sql_at: iso(l.stages.sql),
        updated_at: updatedAt,
      };
    }
    case 'touchpoints': {
      const t = record as TouchpointRecord;
      return {
        team_id: teamId,
        id: t.id,
        lead_id: t.leadId,
        account: t.account,
        channel: t.channel,
        at: t.at.toISOString(),
        updated_at: updatedAt,
      };
    }
    case 'deals': {
      const d = record as DealRecord;
      return {
        team_id: teamId,
        id: d.id,
        account: d.account,
        amount_minor: d.amountMinor,
        currency: d.currency,
        created_at: d.createdAt.toISOString(),
        closed_at: iso(d.closedAt),
        outcome: d.outcome,
        ols: d.ols,
        ols_at: iso(d.olsAt),
        cs: d.cs,
        cs_at: iso(d.csAt),
        updated_at: updatedAt,
      };
    }
    case 'spend': {
      const s = record as SpendRecord;
      return {
        team_id: teamId,
        month: s.month,
        channel: s.channel,
        amount_minor: s.amountMinor,
        currency: s.currency,
        updated_at: updatedAt,
      };
    }
  }
}

const TABLE = { leads: 'gtm_leads', touchpoints: 'gtm_touchpoints', deals: 'gtm_deals', spend: 'gtm_spend' } as const;

async function existing(
  trx: Transaction<Database>,
  kind: GtmKind,
  teamId: string,
  rows: Array<Record<string, unknown>>,
): Promise<number> {
  if (kind === 'spend') {
    let count = 0;
    for (const r of rows) {
      const found = await trx
        .selectFrom('gtm_spend')
        .select('month')
        .where('team_id', '=', teamId)
        .where('month', '=', r.month as string)
        .where('channel', '=', r.channel as string)
        .executeTakeFirst();
      if (found) count += 1;
    }
    return count;
  }
  const table = TABLE[kind] as 'gtm_leads';
  const found = await trx
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('team_id', '=', teamId)
    .where(
      'id',
      'in',
      rows.map((r) => r.id as string),
    )
    .executeTakeFirstOrThrow();
  return Number(found.n);
}

export function createGtmDataRepository(db: Db): GtmDataRepository {
  return {
    async upsert(teamId, kind, records, now) {
      const updatedAt = now.toISOString();
      const rows = records.map((r) => rowOf(kind, teamId, r, updatedAt) as Record<string, unknown>);
      return db.transaction().execute(async (trx) => {
        let updated = 0;
        const touched = noDaysTouched();
        touchedByRecords(touched, kind, records);
        // Touchpoints change the time-decay credit of the conversions of the leads they reach, before and after.
        const reached = { ids: new Set<string>(), accounts: new Set<string>() };
        if (kind === 'touchpoints') touchedLeadsOf(reached, records as TouchpointRecord[]);
        for (let i = 0; i < rows.length; i += BATCH) {
          const batch = rows.slice(i, i + BATCH);
          updated += await existing(trx, kind, teamId, batch);
          // Before the rows are replaced: the days they fell on change too.
          const ids = kind === 'spend' ? [] : batch.map((r) => r.id as string);
          if (kind === 'touchpoints') await touchedLeadsStored(trx, reached, teamId, ids);
          else await touchedByStored(trx, touched, teamId, kind, ids);
          const keys = kind === 'spend' ? ['team_id', 'month', 'channel'] : ['team_id', 'id'];
          const columns = Object.keys(batch[0] as object).filter((c) => !keys.includes(c));
          await trx
            .insertInto(TABLE[kind] as 'gtm_leads')
            .values(batch as never)
            .onConflict((oc) =>
              oc.columns(keys as never).doUpdateSet(
                // biome-ignore lint/suspicious/noExplicitAny: kysely cannot type a column list built at run time.
                Object.fromEntries(columns.map((c) => [c, (eb: any) => eb.ref(`excluded.${c}`)])) as never,
              ),
            )
            .execute();
        }
        if (kind === 'touchpoints') await conversionDaysOf(trx, touched, teamId, reached);
        await refreshRollups(trx, teamId, touched);
        return { created: rows.length - updated, updated };
      });
    },
    // The same wide list as MQA ingest: `teams` alone is empty until /loop settings is saved.
    knownTeams: () => knownTeams(db),
    async countRows(teamId, kind) {
      const row = await db
        .selectFrom(TABLE[kind] as 'gtm_leads')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('team_id', '=', teamId)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async currencies(teamId) {
      const deals = await db
        .selectFrom('gtm_deals')
        .select('currency')
        .distinct()
        .where('team_id', '=', teamId)
        .orderBy('currency')
        .execute();
      const spend = await db
        .selectFrom('gtm_spend')
        .select('currency')
        .distinct()
        .where('team_id', '=', teamId)
        .orderBy('currency')
        .execute();
      return { deals: deals.map((r) => r.currency), spend: spend.map((r) => r.currency) };
    },
  };
}
