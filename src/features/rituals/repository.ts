import { activeTeamCondition } from '../../db/active-teams.js';
import type { Db } from '../../db/open-database.js';
import type { RitualsTable } from '../../db/tables/rituals.js';
import type { Cadence, RitualFields, RitualKind, StoredRitual } from './domain/index.js';

type Row = {
  [K in keyof RitualsTable]: RitualsTable[K] extends import('kysely').Generated<infer T> ? T : RitualsTable[K];
};

const toRitual = (r: Row): StoredRitual => ({
  id: r.id,
  teamId: r.team_id,
  kind: r.kind as RitualKind,
  name: r.name,
  channelId: r.channel_id,
  cadence: JSON.parse(r.cadence) as Cadence,
  localTime: r.local_time,
  timeZone: r.time_zone,
  skipDates: JSON.parse(r.skip_dates) as string[],
  paused: r.paused === 1,
  headsUpHours: r.heads_up_hours,
  graceHours: r.grace_hours,
  scheduleFrom: new Date(r.schedule_from),
  createdBy: r.created_by,
  createdAt: new Date(r.created_at),
});

const scheduleOf = (f: RitualFields) => JSON.stringify([f.cadence, f.localTime, f.timeZone]);

/** The columns a ritual's editable fields are stored in (insert and update alike). */
function columnsOf(fields: RitualFields) {
  return {
    kind: fields.kind,
    name: fields.name,
    channel_id: fields.channelId,
    cadence: JSON.stringify(fields.cadence),
    local_time: fields.localTime,
    time_zone: fields.timeZone,
    skip_dates: JSON.stringify(fields.skipDates),
    heads_up_hours: fields.headsUpHours,
  };
}

export function createRitualsRepository(db: Db) {
  const live = () => db.selectFrom('rituals').selectAll().where('deleted_at', 'is', null);

  return {
    /** A second delivery of the same modal submission (same view id) returns the first ritual and writes nothing. */
    async insert(
      teamId: string,
      fields: RitualFields,
      actorId: string,
      now: Date,
      sourceViewId: string | null,
    ): Promise<StoredRitual> {
      const at = now.toISOString();
      await db
        .insertInto('rituals')
        .values({
          team_id: teamId,
          ...columnsOf(fields),
          schedule_from: at,
          created_by: actorId,
          created_at: at,
          updated_at: at,
          source_view_id: sourceViewId,
        })
        .onConflict((oc) => oc.columns(['team_id', 'source_view_id']).doNothing())
        .execute();
      let query = db.selectFrom('rituals').selectAll().where('team_id', '=', teamId);
      query = sourceViewId === null ? query.orderBy('id', 'desc') : query.where('source_view_id', '=', sourceViewId);
      return toRitual(await query.limit(1).executeTakeFirstOrThrow());
    },

    /** Replaces the fields; a changed schedule starts afresh from `now`, so the edit does not create "missed" occurrences. */
    async update(teamId: string, id: number, fields: RitualFields, now: Date): Promise<StoredRitual | undefined> {
      const current = await live().where('team_id', '=', teamId).where('id', '=', id).executeTakeFirst();
      if (!current) return undefined;
      const before = toRitual(current);
      const at = now.toISOString();
      await db
        .updateTable('rituals')
        .set({
          ...columnsOf(fields),
          updated_at: at,
          ...(scheduleOf(before) !== scheduleOf(fields) ? { schedule_from: at } : {}),
        })
        .where('id', '=', id)
        .execute();
      return this.find(teamId, id);
    },

    async find(teamId: string, id: number): Promise<StoredRitual | undefined> {
      const row = await live().where('team_id', '=', teamId).where('id', '=', id).executeTakeFirst();
      return row ? toRitual(row) : undefined;
    },

    /** Including deleted ones: posts of a deleted ritual still need its kind and name. */
    async findAny(teamId: string, id: number): Promise<StoredRitual | undefined> {
      const row = await db
        .selectFrom('rituals')
        .selectAll()
        .where('team_id', '=', teamId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? toRitual(row) : undefined;
    },

    async listForTeam(teamId: string): Promise<StoredRitual[]> {
      return (await live().where('team_id', '=', teamId).orderBy('id').execute()).map(toRitual);
    },

    /** Every team's live, unpaused rituals: what the scheduler looks at. */
    async listActive(): Promise<StoredRitual[]> {
      return (
        await live().where('paused', '=', 0).where(activeTeamCondition('rituals.team_id')).orderBy('id').execute()
      ).map(toRitual);
    },

    /** Resuming restarts the schedule at `now`: what fell in the pause was not missed, it was paused. */
    async setPaused(teamId: string, id: number, paused: boolean, now: Date): Promise<void> {
      const at = now.toISOString();
      await db
        .updateTable('rituals')
        .set({ paused: paused ? 1 : 0, updated_at: at, ...(paused ? {} : { schedule_from: at }) })
        .where('team_id', '=', teamId)
        .where('id', '=', id)
        .execute();
    },

    async setSkipDates(teamId: string, id: number, skipDates: string[], now: Date): Promise<void> {
      await db
        .updateTable('rituals')
        .set({ skip_dates: JSON.stringify([...new Set(skipDates)].sort()), updated_at: now.toISOString() })
        .where('team_id', '=', teamId)
        .where('id', '=', id)
        .execute();
    },

    async softDelete(teamId: string, id: number, now: Date): Promise<void> {
      await db
        .updateTable('rituals')
        .set({ deleted_at: now.toISOString() })
        .where('team_id', '=', teamId)
        .where('id', '=', id)
        .execute();
    },
  };
}

export type RitualsRepository = ReturnType<typeof createRitualsRepository>;
