import type { Clock } from '../../kernel/clock.js';
import type { IngestTokensRepository, StoredIngestToken } from '../ingest/repository.js';
import { checkTokenName, mintIngestToken } from '../ingest/tokens.js';

/** Active tokens a workspace may hold: enough for every CRM workflow, and the list stays one modal. */
export const MAX_ACTIVE_INGEST_TOKENS = 20;

export interface IngestTokensOverview {
  active: StoredIngestToken[];
  revokedCount: number;
}

export type CreateIngestTokenResult =
  | { ok: true; token: string; stored: StoredIngestToken }
  | { ok: false; reason: 'invalid'; error: string }
  | { ok: false; reason: 'not_admin' }
  | { ok: false; reason: 'too_many' };

export type RevokeIngestTokenResult =
  | { ok: true; token: StoredIngestToken; overview: IngestTokensOverview }
  | { ok: false; reason: 'not_admin' | 'not_found' };

/** `/loop settings` → Ingest tokens: list, create (the token is returned this once) and revoke; admins only. */
export function createIngestTokensService(deps: {
  tokens: IngestTokensRepository;
  isAdmin(teamId: string, userId: string): Promise<boolean>;
  clock: Clock;
}) {
  const { tokens, isAdmin, clock } = deps;

  async function overview(teamId: string): Promise<IngestTokensOverview> {
    const [active, revokedCount] = await Promise.all([tokens.listActive(teamId), tokens.countRevoked(teamId)]);
    return { active, revokedCount };
  }

  return {
    now: () => clock(),
    isAdmin,
    overview,

    /** The name's problem, without I/O, so the modal can answer inline on the ack. */
    checkName: (raw: string | null) => {
      const checked = checkTokenName(raw);
      return checked.ok ? undefined : checked.error;
    },

    async create(teamId: string, actorId: string, rawName: string | null): Promise<CreateIngestTokenResult> {
      const checked = checkTokenName(rawName);
      if (!checked.ok) return { ok: false, reason: 'invalid', error: checked.error };
      if (!(await isAdmin(teamId, actorId))) return { ok: false, reason: 'not_admin' };
      if ((await tokens.listActive(teamId)).length >= MAX_ACTIVE_INGEST_TOKENS)
        return { ok: false, reason: 'too_many' };
      const minted = mintIngestToken();
      const stored = await tokens.insert({
        teamId,
        name: checked.name,
        hash: minted.hash,
        prefix: minted.prefix,
        createdBy: actorId,
        at: clock(),
      });
      return { ok: true, token: minted.token, stored };
    },

    /** Revoked at once: the next push with it gets 401. Revoking a revoked token again is not an error. */
    async revoke(teamId: string, actorId: string, id: number): Promise<RevokeIngestTokenResult> {
      if (!(await isAdmin(teamId, actorId))) return { ok: false, reason: 'not_admin' };
      const token = Number.isSafeInteger(id) ? await tokens.revoke(teamId, id, clock()) : undefined;
      if (!token) return { ok: false, reason: 'not_found' };
      return { ok: true, token, overview: await overview(teamId) };
    },
  };
}

export type IngestTokensService = ReturnType<typeof createIngestTokensService>;
