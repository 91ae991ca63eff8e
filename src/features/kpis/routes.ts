import { z } from 'zod';
import { nothingStored, readAuthorizedJson, sendJson } from '../../http/request.js';
import type { HttpRoute } from '../../http/server.js';
import type { Logger } from '../../logging/logger.js';
import { describeRowError, GTM_KINDS, type GtmKind } from './domain/index.js';
import type { KpiService } from './service.js';

const MAX_BODY_BYTES = 5_000_000;
const MAX_ROWS = 5000;

const bodySchema = z.object({
  team_id: z.string().min(1).optional(),
  rows: z.array(z.record(z.string(), z.unknown())).min(1).max(MAX_ROWS),
});

export interface DataIngestDeps {
  kpis: KpiService;
  token: string | undefined;
  knownTeams(): Promise<string[]>;
  logger: Logger;
}

/**
 * POST /api/<kind> for leads, touchpoints, deals and spend: Bearer INGEST_TOKEN, `{ "team_id"?, "rows": [...] }` with
 * the CSV columns as keys. Every row is checked; any error answers 422 with row (1-based) and field and writes
 * nothing; otherwise all rows are upserted by id in one transaction.
 */
function dataIngestRoute(kind: GtmKind, deps: DataIngestDeps): HttpRoute {
  return {
    method: 'POST',
    path: `/api/${kind}`,
    handle(req, res) {
      void (async () => {
        const request = await readAuthorizedJson(req, res, {
          token: deps.token,
          maxBytes: MAX_BODY_BYTES,
          disabledMessage: 'Ingest is off: set INGEST_TOKEN to turn it on.',
        });
        if (!request) return;
        const body = bodySchema.safeParse(request.json);
        if (!body.success) {
          return sendJson(res, 400, {
            error: 'invalid_request',
            message: `Send { "team_id"?: "T…", "rows": [...] } with 1 to ${MAX_ROWS} row objects.`,
          });
        }
        let teamId = body.data.team_id;
        if (!teamId) {
          const teams = await deps.knownTeams();
          if (teams.length !== 1) {
            return sendJson(res, 400, {
              error: 'team_required',
              message: 'Name the Slack workspace with "team_id" (several or no workspaces are known).',
            });
          }
          teamId = teams[0] as string;
        }
        const result = await deps.kpis.importRows(teamId, kind, body.data.rows);
        if (!result.ok) {
          return sendJson(res, 422, {
            error: 'invalid_rows',
            message: nothingStored(result.errors.map((e) => describeRowError(e, 'row'))),
            errors: result.errors,
          });
        }
        sendJson(res, 200, {
          ok: true,
          kind,
          created: result.counts.created,
          updated: result.counts.updated,
          warnings: result.warnings,
        });
      })().catch((error: unknown) => {
        deps.logger.error('GTM data ingest failed', { error, kind });
        if (!res.headersSent) sendJson(res, 500, { error: 'internal', message: 'Nothing was stored; try again.' });
      });
    },
  };
}

export const dataIngestRoutes = (deps: DataIngestDeps): HttpRoute[] =>
  GTM_KINDS.map((kind) => dataIngestRoute(kind, deps));
