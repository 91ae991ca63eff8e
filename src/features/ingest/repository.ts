import type { Selectable } from 'kysely';
import type { Db } from '../../db/open-database.js';
import type { IngestTokensTable } from '../../db/tables/ingest-tokens.js';

/** A workspace ingest token as the settings and the ingest routes see it (never the token itself). */
export interface StoredIngestToken {
  id: number;
  teamId: string;
  name: string;
  prefix: string;
  createdBy: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const toStored = (row: Selectable<IngestTokensTable>): StoredIngestToken => ({
  id: row.id,
  teamId: row.team_id,
  name: row.name,
  prefix: row.token_prefix,
  createdBy: row.created_by,
  createdAt: new Date(row.created_at),
  lastUsedAt: row.last_used_at ? new Date(row.last_used_at) : null,
  revokedAt: row.revoked_at ? new Date(row.revoked_at) : null,
});

export function createIngestTokensRepository(db: Db) {
  return {
    async insert(token: {
      teamId: string;
      name: string;
      hash: string;
      prefix: string;
      createdBy: string;
      at: Date;
    }): Promise<StoredIngestToken> {
      const row = await db
        .insertInto('ingest_tokens')
        .values({
          team_id: token.teamId,
          name: token.name,
          token_hash: token.hash,
          token_prefix: token.prefix,
          created_by: token.createdBy,
          created_at: token.at.toISOString(),
          last_used_at: null,
          revoked_at: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toStored(row);
    },

    /** The team's tokens that still work, newest first. */
    async listActive(teamId: string): Promise<StoredIngestToken[]> {
      const rows = await db
        .selectFrom('ingest_tokens')
        .selectAll()
        .where('team_id', '=', teamId)
        .where('revoked_at', 'is', null)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .execute();
      return rows.map(toStored);
    },

    async countRevoked(teamId: string): Promise<number> {
      const row = await db
        .selectFrom('ingest_tokens')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('team_id', '=', teamId)
        .where('revoked_at', 'is not', null)
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },

    /** Revoked ones too: the ingest routes say "revoked" rather than "unknown". */
    async findByHash(hash: string): Promise<StoredIngestToken | undefined> {
      const row = await db.selectFrom('ingest_tokens').selectAll().where('token_hash', '=', hash).executeTakeFirst();
      return row ? toStored(row) : undefined;
    },

    /** Whether any workspace ever made a token: without one and without INGEST_TOKEN, ingest is off. */
    async anyExists(): Promise<boolean> {
      return (await db.selectFrom('ingest_tokens').select('id').limit(1).executeTakeFirst()) !== undefined;
    },

    /** Sets revoked_at on the team's token if it still works; the token as it is now, or undefined if not the team's. */
    async revoke(teamId: string, id: number, at: Date): Promise<StoredIngestToken | undefined> {
      await db
        .updateTable('ingest_tokens')
        .set({ revoked_at: at.toISOString() })
        .where('team_id', '=', teamId)
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .execute();
      const row = await db
        .selectFrom('ingest_tokens')
        .selectAll()
        .where('team_id', '=', teamId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? toStored(row) : undefined;
    },

    /** Records a use, unless one at or after `staleBefore` is already recorded (another instance may have). */
    async touch(id: number, at: Date, staleBefore: Date): Promise<void> {
      await db
        .updateTable('ingest_tokens')
        .set({ last_used_at: at.toISOString() })
        .where('id', '=', id)
        .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', staleBefore.toISOString())]))
        .execute();
    },
  };
}

export type IngestTokensRepository = ReturnType<typeof createIngestTokensRepository>;
