import { z } from 'zod';
import { nothingStored, sendJson } from '../../http/request.js';
import type { HttpRoute } from '../../http/server.js';
import type { Logger } from '../../logging/logger.js';
import { type IngestAuth, ingestOffMessage } from '../ingest/auth.js';
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
  ingest: IngestAuth;
  logger: Logger;
}

/**
 * POST /api/<kind> for leads, touchpoints, deals and spend: Bearer a workspace ingest token (for its own workspace) or
 * INGEST_TOKEN (../ingest/auth.ts), `{ "team_id"?, "rows": [...] }` with the CSV columns as keys. Every row is checked; any error answers 422 with row (1-based) and field and writes
 * nothing; otherwise all rows are upserted by id in one transaction.
 */
function dataIngestRoute(kind: GtmKind, deps: DataIngestDeps): HttpRoute {
  return {
    method: 'POST',
    path: `/api/${kind}`,
    handle(req, res) {
      void (async () => {
        const request = await deps.ingest.readRequest(req, res, {
          maxBytes: MAX_BODY_BYTES,
          disabledMessage: ingestOffMessage('Ingest'),
        });
        if (!request) return;
        const body = bodySchema.safeParse(request.json);
        if (!body.success) {
          return sendJson(res, 400, {
            error: 'invalid_request',
            message: `Send { "team_id"?: "T…", "rows": [...] } with 1 to ${MAX_ROWS} row objects.`,
          });
        }
        const teamId = await request.teamFor(body.data.team_id);
        if (!teamId) return;
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
