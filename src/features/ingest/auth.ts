import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { knownTeams } from '../../db/known-teams.js';
import type { Db } from '../../db/open-database.js';
import { readJsonBody, sendJson } from '../../http/request.js';
import type { Clock } from '../../kernel/clock.js';
import type { Logger } from '../../logging/logger.js';
import { COMMAND } from '../../slack/ids.js';
import { createIngestTokensRepository, type IngestTokensRepository, type StoredIngestToken } from './repository.js';
import { hashIngestToken } from './tokens.js';

/** last_used_at is written at most this often per token. */
const TOUCH_EVERY_MS = 60_000;

/** Who is pushing: a workspace's own token (its team, nothing else), or the deployment's INGEST_TOKEN. */
export type IngestCaller = { kind: 'workspace'; teamId: string; tokenId: number } | { kind: 'deployment' };

export interface IngestRequest {
  caller: IngestCaller;
  json: unknown;
  /**
   * The workspace the push is for. A workspace token: its own team; a different `team_id` in the body is answered
   * 403. INGEST_TOKEN: the body's `team_id`, or the only workspace the database knows (else 400). Answers itself and
   * returns undefined when there is none.
   */
  teamFor(bodyTeamId: string | undefined): Promise<string | undefined>;
}

export interface IngestAuthDeps {
  db: Db;
  /** INGEST_TOKEN: single-workspace mode, and operators pushing for any workspace by team_id. */
  envToken: string | undefined;
  clock: Clock;
  logger: Logger;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** Constant-time, also in the length: both sides are hashed to 32 bytes first. */
function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(sha256(given), sha256(expected));
}

const bearerOf = (header: string | undefined): string | undefined =>
  /^Bearer\s+(.+)$/i.exec(header ?? '')?.[1]?.trim() || undefined;

/**
 * The start of every ingest route, shared by POST /api/mqa and POST /api/{leads,touchpoints,deals,spend}: who is
 * calling (503 when ingest has no way in at all, 401 for a missing, unknown or revoked token), then the JSON body
 * (415/413/400), then, once the route has read `team_id`, which workspace the push is for.
 */
export function createIngestAuth(deps: IngestAuthDeps) {
  const tokens: IngestTokensRepository = createIngestTokensRepository(deps.db);

  /** The row just read says when it was last used, so a use within the last minute costs no write at all. */
  async function recordUse(token: StoredIngestToken): Promise<void> {
    const now = deps.clock();
    const staleBefore = new Date(now.getTime() - TOUCH_EVERY_MS);
    if (token.lastUsedAt && token.lastUsedAt >= staleBefore) return;
    try {
      await tokens.touch(token.id, now, staleBefore);
    } catch (error) {
      // A push is worth more than its "last used" line.
      deps.logger.warn('could not record the use of an ingest token', { tokenId: token.id, error });
    }
  }

  async function authenticate(
    req: IncomingMessage,
    res: ServerResponse,
    disabledMessage: string,
  ): Promise<IngestCaller | undefined> {
    const given = bearerOf(req.headers.authorization);
    if (given && deps.envToken && sameSecret(given, deps.envToken)) return { kind: 'deployment' };
    if (given) {
      const token = await tokens.findByHash(hashIngestToken(given));
      if (token && !token.revokedAt) {
        await recordUse(token);
        return { kind: 'workspace', teamId: token.teamId, tokenId: token.id };
      }
      if (token) {
        sendJson(res, 401, {
          error: 'token_revoked',
          message: `This ingest token ("${token.prefix}…") was revoked in \`${COMMAND} settings\`; ask an admin of the workspace for a new one. Nothing was stored.`,
        });
        return undefined;
      }
    }
    if (!deps.envToken && !(await tokens.anyExists())) {
      sendJson(res, 503, { error: 'ingest_disabled', message: disabledMessage });
      return undefined;
    }
    sendJson(res, 401, {
      error: 'unauthorized',
      message: deps.envToken
        ? `Send a workspace ingest token (from \`${COMMAND} settings\`) or the INGEST_TOKEN as "Authorization: Bearer <token>". Nothing was stored.`
        : `Send a workspace ingest token (from \`${COMMAND} settings\`) as "Authorization: Bearer <token>". Nothing was stored.`,
    });
    return undefined;
  }

  function teamResolver(caller: IngestCaller, res: ServerResponse) {
    return async (bodyTeamId: string | undefined): Promise<string | undefined> => {
      if (caller.kind === 'workspace') {
        if (bodyTeamId === undefined || bodyTeamId === caller.teamId) return caller.teamId;
        deps.logger.warn("ingest token sent with another workspace's team_id", { tokenId: caller.tokenId });
        sendJson(res, 403, {
          error: 'wrong_workspace',
          message:
            `This ingest token belongs to another workspace, not "${bodyTeamId.slice(0, 40)}". Leave "team_id" out ` +
            "(the token says which workspace it is for) or use a token made in that workspace's " +
            `\`${COMMAND} settings\`. Nothing was stored.`,
        });
        return undefined;
      }
      if (bodyTeamId) return bodyTeamId;
      const teams = await knownTeams(deps.db);
      if (teams.length === 1) return teams[0];
      sendJson(res, 400, {
        error: 'team_required',
        message: 'Name the Slack workspace with "team_id" (several or no workspaces are known).',
      });
      return undefined;
    };
  }

  return {
    /** Answers 503/401/415/413/400 itself and returns undefined; otherwise the caller and the parsed body. */
    async readRequest(
      req: IncomingMessage,
      res: ServerResponse,
      options: { maxBytes: number; disabledMessage: string },
    ): Promise<IngestRequest | undefined> {
      const caller = await authenticate(req, res, options.disabledMessage);
      if (!caller) return undefined;
      const body = await readJsonBody(req, res, options.maxBytes);
      if (!body) return undefined;
      return { caller, json: body.json, teamFor: teamResolver(caller, res) };
    },
  };
}

export type IngestAuth = ReturnType<typeof createIngestAuth>;

/** The 503 wording when ingest has no way in: name both ways to turn it on. */
export const ingestOffMessage = (what: string) =>
  `${what} is off: set INGEST_TOKEN, or create an ingest token in \`${COMMAND} settings\`, to turn it on.`;
