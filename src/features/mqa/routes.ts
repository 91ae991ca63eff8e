import { z } from 'zod';
import { nothingStored, sendJson } from '../../http/request.js';
import type { HttpRoute } from '../../http/server.js';
import type { Logger } from '../../logging/logger.js';
import { type IngestAuth, ingestOffMessage } from '../ingest/auth.js';
import { INGEST_ACTOR, type MqaItemInput, parseMqaItemInput } from './domain/index.js';
import { MqaUpsertConflict } from './repository.js';
import type { MqaService } from './service.js';

const MAX_BODY_BYTES = 1_000_000;
const MAX_ITEMS = 500;

const bodySchema = z.union([
  z.object({
    team_id: z.string().min(1).optional(),
    items: z.array(z.record(z.string(), z.unknown())).min(1).max(MAX_ITEMS),
  }),
  z.record(z.string(), z.unknown()).transform((item) => {
    const { team_id, ...rest } = item;
    return { team_id: typeof team_id === 'string' ? team_id : undefined, items: [rest] };
  }),
]);

/**
 * POST /api/mqa: a CRM workflow pushes direct requests and intent-qualified accounts. Bearer a workspace ingest token
 * (for its own workspace) or INGEST_TOKEN (../ingest/auth.ts); one item or `{ team_id?, items: [...] }`; every item
 * is validated, then all are upserted (by external id or domain) or none.
 * Problems name the item as people count: `item` 1 is the first.
 */
export function mqaIngestRoute(deps: { mqa: MqaService; ingest: IngestAuth; logger: Logger }): HttpRoute {
  return {
    method: 'POST',
    path: '/api/mqa',
    handle(req, res) {
      void (async () => {
        const request = await deps.ingest.readRequest(req, res, {
          maxBytes: MAX_BODY_BYTES,
          disabledMessage: ingestOffMessage('MQA ingest'),
        });
        if (!request) return;
        const body = bodySchema.safeParse(request.json);
        if (!body.success) {
          return sendJson(res, 400, {
            error: 'invalid_request',
            message: `Send one item object, or { "items": [...] } with 1 to ${MAX_ITEMS} items.`,
          });
        }
        const errors: Array<{ item: number; field: string; message: string }> = [];
        const inputs: MqaItemInput[] = [];
        body.data.items.forEach((raw, index) => {
          const parsed = parseMqaItemInput(raw);
          if (parsed.ok) inputs.push(parsed.value);
          else
            for (const [field, message] of Object.entries(parsed.errors))
              errors.push({ item: index + 1, field, message: `${field} ${message}` });
        });
        if (errors.length > 0) {
          return sendJson(res, 422, {
            error: 'invalid_items',
            message: nothingStored(errors.map((e) => `item ${e.item}: ${e.message}`)),
            errors,
          });
        }

        const teamId = await request.teamFor(body.data.team_id);
        if (!teamId) return;
        try {
          // Store and answer; the scheduled MQA job posts the reviews, so the HTTP answer never waits on Slack.
          const outcomes = await deps.mqa.upsert(teamId, inputs, INGEST_ACTOR, { deliverNow: false });
          sendJson(res, 200, {
            ok: true,
            created: outcomes.filter((o) => o.created).length,
            updated: outcomes.filter((o) => !o.created).length,
            ids: outcomes.map((o) => o.id),
          });
        } catch (error) {
          if (error instanceof MqaUpsertConflict) {
            const item = error.index + 1;
            return sendJson(res, 409, {
              error: 'conflict',
              message: nothingStored([`item ${item}: ${error.message}`]),
              errors: [{ item, message: error.message }],
            });
          }
          throw error;
        }
      })().catch((error: unknown) => {
        deps.logger.error('MQA ingest failed', { error });
        if (!res.headersSent) sendJson(res, 500, { error: 'internal', message: 'Nothing was stored; try again.' });
      });
    },
  };
}
