import type { Selectable } from 'kysely';
import { activeTeamCondition } from '../../db/active-teams.js';
import type { Db } from '../../db/open-database.js';
import type { RiskEventsTable, RisksTable } from '../../db/tables/risks.js';
import type { RiskEventType, RiskFields, StoredRisk, StoredRiskEvent } from './domain/index.js';

/** Who did it, when, and the modal's view id so a redelivered submission changes nothing. */
export interface ChangeMeta {
  actor: string;
  at: Date;
  sourceViewId: string | null;
}

export type ChangeOutcome =
  | { kind: 'changed'; risk: StoredRisk }
  | { kind: 'duplicate'; risk: StoredRisk }
  | { kind: 'not_found' }
  | { kind: 'closed'; risk: StoredRisk };

const toRisk = (row: Selectable<RisksTable>): StoredRisk => ({
  id: row.id,
  teamId: row.team_id,
  category: row.category,
  title: row.title,
  description: row.description,
  likelihood: row.likelihood,
  impact: row.impact,
  score: row.score,
  mitigation: row.mitigation,
  kpis: row.kpis,
  ownerId: row.owner_id,
  reviewDate: row.review_date,
  status: row.status === 'closed' ? 'closed' : 'open',
  resolution: row.resolution,
  closedBy: row.closed_by,
  closedAt: row.closed_at ? new Date(row.closed_at) : null,
  createdBy: row.created_by,
  createdAt: new Date(row.created_at),
  updatedAt: new Date(row.updated_at),
});

const toEvent = (row: Selectable<RiskEventsTable>): StoredRiskEvent => ({
  id: row.id,
  riskId: row.risk_id,
  type: row.type as RiskEventType,
  actor: row.actor,
  at: new Date(row.at),
  likelihood: row.likelihood,
  impact: row.impact,
  score: row.score,
  changes: row.changes ? (JSON.parse(row.changes) as Record<string, [unknown, unknown]>) : {},
  note: row.note,
});

const EDITABLE: Array<[keyof RiskFields, keyof RisksTable]> = [
  ['category', 'category'],
  ['title', 'title'],
  ['description', 'description'],
  ['likelihood', 'likelihood'],
  ['impact', 'impact'],
  ['mitigation', 'mitigation'],
  ['kpis', 'kpis'],
  ['ownerId', 'owner_id'],
  ['reviewDate', 'review_date'],
];

export function createRisksRepository(db: Db) {
  const findById = async (teamId: string, id: number): Promise<StoredRisk | undefined> => {
    const row = await db
      .selectFrom('risks')
      .selectAll()
      .where('team_id', '=', teamId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toRisk(row) : undefined;
  };

  /**
   * One change to an open risk, all or nothing: the event row goes first (its unique view id makes a redelivered
   * submission a no-op), then the risk row.
   */
  async function change(
    teamId: string,
    id: number,
    meta: ChangeMeta,
    build: (risk: StoredRisk) => {
      type: RiskEventType;
      set: Partial<Selectable<RisksTable>>;
      changes?: Record<string, [unknown, unknown]>;
      note?: string | null;
    },
  ): Promise<ChangeOutcome> {
    return db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('risks')
        .selectAll()
        .where('team_id', '=', teamId)
        .where('id', '=', id)
        .executeTakeFirst();
      if (!row) return { kind: 'not_found' } as const;
      const risk = toRisk(row);
      if (meta.sourceViewId) {
        const seen = await trx
          .selectFrom('risk_events')
          .select('id')
          .where('source_view_id', '=', meta.sourceViewId)
          .executeTakeFirst();
        if (seen) return { kind: 'duplicate', risk } as const;
      }
      if (risk.status === 'closed') return { kind: 'closed', risk } as const;
      const { type, set, changes, note } = build(risk);
      const next = { ...row, ...set, updated_at: meta.at.toISOString() };
      await trx
        .updateTable('risks')
        .set({ ...set, updated_at: meta.at.toISOString() })
        .where('id', '=', id)
        .execute();
      await trx
        .insertInto('risk_events')
        .values({
          risk_id: id,
          team_id: teamId,
          type,
          actor: meta.actor,
          at: meta.at.toISOString(),
          likelihood: next.likelihood,
          impact: next.impact,
          score: next.score,
          changes: changes && Object.keys(changes).length > 0 ? JSON.stringify(changes) : null,
          note: note ?? null,
          source_view_id: meta.sourceViewId,
        })
        .execute();
      return { kind: 'changed', risk: toRisk(next) } as const;
    });
  }

  const openQuery = (teamId: string) =>
    db
      .selectFrom('risks')
      .selectAll()
      .where('team_id', '=', teamId)
      .where('status', '=', 'open')
      .orderBy('score', 'desc')
      .orderBy('review_date', 'asc')
      .orderBy('id', 'asc');

  return {
    findById,

    /** Stores a new risk and its 'created' event; the same add modal submitted twice stores one risk. */
    async insert(
      teamId: string,
      fields: RiskFields,
      meta: ChangeMeta,
    ): Promise<{ risk: StoredRisk; created: boolean }> {
      return db.transaction().execute(async (trx) => {
        if (meta.sourceViewId) {
          const existing = await trx
            .selectFrom('risks')
            .selectAll()
            .where('source_view_id', '=', meta.sourceViewId)
            .executeTakeFirst();
          if (existing) return { risk: toRisk(existing), created: false };
        }
        const at = meta.at.toISOString();
        const row = await trx
          .insertInto('risks')
          .values({
            team_id: teamId,
            category: fields.category,
            title: fields.title,
            description: fields.description,
            likelihood: fields.likelihood,
            impact: fields.impact,
            score: fields.score,
            mitigation: fields.mitigation,
            kpis: fields.kpis,
            owner_id: fields.ownerId,
            review_date: fields.reviewDate,
            created_by: meta.actor,
            created_at: at,
            updated_at: at,
            source_view_id: meta.sourceViewId,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await trx
          .insertInto('risk_events')
          .values({
            risk_id: row.id,
            team_id: teamId,
            type: 'created',
            actor: meta.actor,
            at,
            likelihood: fields.likelihood,
            impact: fields.impact,
            score: fields.score,
            changes: null,
            note: null,
            source_view_id: null,
          })
          .execute();
        return { risk: toRisk(row), created: true };
      });
    },

    /** Replaces the editable fields; the event records each changed field's before and after. */
    edit: (teamId: string, id: number, fields: RiskFields, meta: ChangeMeta) =>
      change(teamId, id, meta, (risk) => {
        const changes: Record<string, [unknown, unknown]> = {};
        const set: Partial<Selectable<RisksTable>> = {};
        for (const [field, column] of EDITABLE) {
          if (risk[field] !== fields[field]) {
            changes[field] = [risk[field], fields[field]];
            (set as Record<string, unknown>)[column] = fields[field];
          }
        }
        if (risk.score !== fields.score) set.score = fields.score;
        return { type: 'edited', set, changes };
      }),

    rescore: (
      teamId: string,
      id: number,
      rating: { likelihood: number; impact: number; score: number },
      note: string,
      meta: ChangeMeta,
    ) =>
      change(teamId, id, meta, (risk) => ({
        type: 'rescored',
        set: { likelihood: rating.likelihood, impact: rating.impact, score: rating.score },
        changes: { score: [risk.score, rating.score] },
        note: note || null,
      })),

    close: (teamId: string, id: number, resolution: string, meta: ChangeMeta) =>
      change(teamId, id, meta, () => ({
        type: 'closed',
        set: { status: 'closed', resolution, closed_by: meta.actor, closed_at: meta.at.toISOString() },
        note: resolution,
      })),

    async listOpen(teamId: string, page: { limit: number; offset: number }): Promise<StoredRisk[]> {
      const rows = await openQuery(teamId).limit(page.limit).offset(page.offset).execute();
      return rows.map(toRisk);
    },

    async listOpenOwnedBy(teamId: string, ownerId: string, limit: number): Promise<StoredRisk[]> {
      return (await openQuery(teamId).where('owner_id', '=', ownerId).limit(limit).execute()).map(toRisk);
    },

    async listAllOpen(teamId: string): Promise<StoredRisk[]> {
      return (await openQuery(teamId).execute()).map(toRisk);
    },

    async countOpen(teamId: string): Promise<number> {
      const { count } = await db
        .selectFrom('risks')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('team_id', '=', teamId)
        .where('status', '=', 'open')
        .executeTakeFirstOrThrow();
      return Number(count);
    },

    async events(teamId: string, riskId: number): Promise<StoredRiskEvent[]> {
      const rows = await db
        .selectFrom('risk_events')
        .selectAll()
        .where('team_id', '=', teamId)
        .where('risk_id', '=', riskId)
        .orderBy('id')
        .execute();
      return rows.map(toEvent);
    },

    /** Every event of these risks, oldest first, grouped by risk id. */
    async eventsOf(teamId: string, riskIds: number[]): Promise<Map<number, StoredRiskEvent[]>> {
      const grouped = new Map<number, StoredRiskEvent[]>(riskIds.map((id) => [id, []]));
      if (riskIds.length === 0) return grouped;
      const rows = await db
        .selectFrom('risk_events')
        .selectAll()
        .where('team_id', '=', teamId)
        .where('risk_id', 'in', riskIds)
        .orderBy('id')
        .execute();
      for (const row of rows) grouped.get(row.risk_id)?.push(toEvent(row));
      return grouped;
    },

    /** Open risks whose review date is on or before `maxDate` and that have no reminder for that date yet. */
    async reviewCandidates(maxDate: string): Promise<StoredRisk[]> {
      const rows = await db
        .selectFrom('risks')
        .where(activeTeamCondition('risks.team_id'))
        .selectAll()
        .where('status', '=', 'open')
        .where('review_date', '<=', maxDate)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('risk_review_reminders')
                .select('risk_review_reminders.id')
                .whereRef('risk_review_reminders.risk_id', '=', 'risks.id')
                .whereRef('risk_review_reminders.review_date', '=', 'risks.review_date'),
            ),
          ),
        )
        .orderBy('id')
        .execute();
      return rows.map(toRisk);
    },

    /** The claim: one reminder row per (risk, review date); a second insert does nothing. */
    async addReminder(risk: StoredRisk, now: Date): Promise<void> {
      await db
        .insertInto('risk_review_reminders')
        .values({
          team_id: risk.teamId,
          risk_id: risk.id,
          review_date: risk.reviewDate,
          next_attempt_at: now.toISOString(),
          created_at: now.toISOString(),
        })
        .onConflict((oc) => oc.columns(['risk_id', 'review_date']).doNothing())
        .execute();
    },

    async dueReminders(
      now: Date,
    ): Promise<Array<{ id: number; teamId: string; riskId: number; reviewDate: string; attempts: number }>> {
      const rows = await db
        .selectFrom('risk_review_reminders')
        .where(activeTeamCondition('risk_review_reminders.team_id'))
        .select(['id', 'team_id', 'risk_id', 'review_date', 'attempts'])
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', now.toISOString())
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now.toISOString())]))
        .orderBy('id')
        .limit(100)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        teamId: r.team_id,
        riskId: r.risk_id,
        reviewDate: r.review_date,
        attempts: r.attempts,
      }));
    },

    /** Takes a lease on a pending reminder; true only for the caller that got it (another instance may race). */
    async leaseReminder(id: number, now: Date, leaseMs: number): Promise<boolean> {
      const result = await db
        .updateTable('risk_review_reminders')
        .set((eb) => ({
          lease_until: new Date(now.getTime() + leaseMs).toISOString(),
          attempts: eb('attempts', '+', 1),
        }))
        .where('id', '=', id)
        .where('status', '=', 'pending')
        // Re-checked here: another instance may have failed it (and set a later attempt) since it was listed.
        .where('next_attempt_at', '<=', now.toISOString())
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now.toISOString())]))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async markReminderSent(id: number, now: Date): Promise<void> {
      await db
        .updateTable('risk_review_reminders')
        .set({ status: 'sent', sent_at: now.toISOString(), lease_until: null, last_error: null })
        .where('id', '=', id)
        .execute();
    },

    /** The reminder stays pending: it is tried again at `retryAt`, never dropped. */
    async markReminderFailed(id: number, error: string, retryAt: Date): Promise<void> {
      await db
        .updateTable('risk_review_reminders')
        .set({ next_attempt_at: retryAt.toISOString(), lease_until: null, last_error: error })
        .where('id', '=', id)
        .execute();
    },

    /** Reminder rows of one risk (tests and history). */
    async remindersOf(riskId: number) {
      return db.selectFrom('risk_review_reminders').selectAll().where('risk_id', '=', riskId).orderBy('id').execute();
    },
  };
}

export type RisksRepository = ReturnType<typeof createRisksRepository>;
