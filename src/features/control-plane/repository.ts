import type { ExpressionBuilder, Selectable } from 'kysely';
import { activeTeamCondition } from '../../db/active-teams.js';
import type { Database } from '../../db/database.js';
import type { Db } from '../../db/open-database.js';
import type { ControlPlaneCanvasesTable } from '../../db/tables/control-plane.js';
import { type OffReason, parseHashes, type SectionHashes } from './domain/plan.js';

export type ControlPlaneStatus = 'creating' | 'active' | 'off';

export interface ControlPlane {
  teamId: string;
  channelId: string;
  canvasId: string | null;
  kind: 'channel' | 'standalone' | null;
  status: ControlPlaneStatus;
  createdBy: string;
  hashes: SectionHashes;
  nextRunAt: Date;
  attempts: number;
  lastError: string | null;
  offReason: OffReason | null;
  noticeState: 'pending' | 'sent' | null;
  writtenAt: Date | null;
}

const toControlPlane = (r: Selectable<ControlPlaneCanvasesTable>): ControlPlane => ({
  teamId: r.team_id,
  channelId: r.channel_id,
  canvasId: r.canvas_id,
  kind: r.kind as ControlPlane['kind'],
  status: r.status as ControlPlaneStatus,
  createdBy: r.created_by,
  hashes: parseHashes(r.section_hashes),
  nextRunAt: new Date(r.next_run_at),
  attempts: r.attempts,
  lastError: r.last_error,
  offReason: r.off_reason as OffReason | null,
  noticeState: r.notice_state as ControlPlane['noticeState'],
  writtenAt: r.written_at ? new Date(r.written_at) : null,
});

/** One row per team; every write that starts work is conditional, so the row is also the claim of one writer. */
export function createControlPlaneRepository(db: Db) {
  // Qualified: in PostgreSQL's ON CONFLICT ... WHERE a bare column could be the existing or the proposed row's.
  const free = (at: string) => (eb: ExpressionBuilder<Database, 'control_plane_canvases'>) =>
    eb.or([eb('control_plane_canvases.lease_until', 'is', null), eb('control_plane_canvases.lease_until', '<=', at)]);

  return {
    async find(teamId: string): Promise<ControlPlane | undefined> {
      const row = await db
        .selectFrom('control_plane_canvases')
        .selectAll()
        .where('team_id', '=', teamId)
        .executeTakeFirst();
      return row ? toControlPlane(row) : undefined;
    },

    /**
     * Claims the team's setup for `leaseMs`: true for the one caller that may create the canvas. A setup under way
     * (someone else's click, another instance) keeps its claim until the lease runs out.
     */
    async claimSetup(teamId: string, channelId: string, userId: string, now: Date, leaseMs: number): Promise<boolean> {
      const at = now.toISOString();
      const lease = new Date(now.getTime() + leaseMs).toISOString();
      const result = await db
        .insertInto('control_plane_canvases')
        .values({
          team_id: teamId,
          channel_id: channelId,
          status: 'creating',
          created_by: userId,
          next_run_at: at,
          lease_until: lease,
          created_at: at,
        })
        .onConflict((oc) =>
          oc
            .column('team_id')
            .doUpdateSet({
              channel_id: channelId,
              status: 'creating',
              created_by: userId,
              lease_until: lease,
              next_run_at: at,
            })
            // A canvas that is off may be set up again at once, even while its DM is still being tried.
            .where((eb) => eb.or([free(at)(eb), eb('control_plane_canvases.status', '=', 'off')])),
        )
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
    },

    /** The canvas exists: the job keeps it current from now on. */
    async markCreated(
      teamId: string,
      p: { canvasId: string; kind: 'channel' | 'standalone'; hashes: SectionHashes; nextRunAt: Date },
      now: Date,
    ): Promise<void> {
      await db
        .updateTable('control_plane_canvases')
        .set({
          canvas_id: p.canvasId,
          kind: p.kind,
          status: 'active',
          section_hashes: JSON.stringify(p.hashes),
          next_run_at: p.nextRunAt.toISOString(),
          lease_until: null,
          attempts: 0,
          last_error: null,
          off_reason: null,
          notice_state: null,
          written_at: now.toISOString(),
          created_at: now.toISOString(),
        })
        .where('team_id', '=', teamId)
        .execute();
    },

    /** The setup failed before a canvas existed: nothing is kept, the admin can try again at once. */
    async dropSetup(teamId: string): Promise<void> {
      await db
        .deleteFrom('control_plane_canvases')
        .where('team_id', '=', teamId)
        .where('status', '=', 'creating')
        .execute();
    },

    /** Teams whose canvas is due for a run, or whose admin is still to be told that it stopped. */
    async due(now: Date, limit = 100): Promise<string[]> {
      const at = now.toISOString();
      const rows = await db
        .selectFrom('control_plane_canvases')
        .select('team_id')
        .where(activeTeamCondition('control_plane_canvases.team_id'))
        .where((eb) =>
          eb.or([
            eb.and([eb('status', '=', 'active'), eb('next_run_at', '<=', at)]),
            eb.and([eb('status', '=', 'off'), eb('notice_state', '=', 'pending')]),
          ]),
        )
        .where(free(at))
        .orderBy('next_run_at')
        .limit(limit)
        .execute();
      return rows.map((r) => r.team_id);
    },

    /** Takes the team's row for `leaseMs` if it is still due and nobody holds it: only then may the caller write. */
    async claim(teamId: string, now: Date, leaseMs: number): Promise<ControlPlane | undefined> {
      const at = now.toISOString();
      const result = await db
        .updateTable('control_plane_canvases')
        .set({ lease_until: new Date(now.getTime() + leaseMs).toISOString() })
        .where('team_id', '=', teamId)
        .where((eb) =>
          eb.or([
            eb.and([eb('status', '=', 'active'), eb('next_run_at', '<=', at)]),
            eb.and([eb('status', '=', 'off'), eb('notice_state', '=', 'pending')]),
          ]),
        )
        .where(free(at))
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return undefined;
      return this.find(teamId);
    },

    /** A run ended: the hashes of what the canvas now holds, the next run no sooner than `nextRunAt`. */
    async finishRun(teamId: string, hashes: SectionHashes, wrote: boolean, now: Date, nextRunAt: Date): Promise<void> {
      await db
        .updateTable('control_plane_canvases')
        .set({
          section_hashes: JSON.stringify(hashes),
          next_run_at: nextRunAt.toISOString(),
          lease_until: null,
          attempts: 0,
          last_error: null,
          ...(wrote ? { written_at: now.toISOString() } : {}),
        })
        .where('team_id', '=', teamId)
        .where('status', '=', 'active')
        .execute();
    },

    /** A passing failure (Slack down, rate limits past the client's retries): what was written counts, the rest waits. */
    async failRun(teamId: string, hashes: SectionHashes, error: string, attempts: number, nextRunAt: Date) {
      await db
        .updateTable('control_plane_canvases')
        .set({
          section_hashes: JSON.stringify(hashes),
          next_run_at: nextRunAt.toISOString(),
          lease_until: null,
          attempts,
          last_error: error,
        })
        .where('team_id', '=', teamId)
        .where('status', '=', 'active')
        .execute();
    },

    /**
     * Slack's final answer: the feature is off for the team, and its admin is to be told (once). The caller's lease
     * stays, so the DM is its to send; if it dies first, the lease runs out and the job sends it.
     */
    async turnOff(teamId: string, reason: OffReason, error: string): Promise<void> {
      await db
        .updateTable('control_plane_canvases')
        .set({ status: 'off', off_reason: reason, last_error: error, notice_state: 'pending' })
        .where('team_id', '=', teamId)
        .where('status', '=', 'active')
        .execute();
    },

    /** The admin was told (or can't be): never again for this setup. */
    async markNoticeSent(teamId: string): Promise<void> {
      await db
        .updateTable('control_plane_canvases')
        .set({ notice_state: 'sent', lease_until: null })
        .where('team_id', '=', teamId)
        .where('status', '=', 'off')
        .execute();
    },

    /** Lets go of a claim without changing anything else (a notice that failed for a passing reason). */
    async release(teamId: string, nextRunAt: Date): Promise<void> {
      await db
        .updateTable('control_plane_canvases')
        .set({ lease_until: nextRunAt.toISOString() })
        .where('team_id', '=', teamId)
        .execute();
    },
  };
}

export type ControlPlaneRepository = ReturnType<typeof createControlPlaneRepository>;
