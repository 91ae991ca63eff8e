import { type Checker, formatIssue } from '../block-kit/checker.js';
import type { ClientCredentials, OAuthServer } from '../oauth.js';
import type { Platform, TokenRecord } from '../platform.js';
import type { Recorder } from '../recorder.js';
import type { State } from '../state.js';

export interface ApiContext {
  /** The workspace the call's token belongs to (the default workspace for the app-level token). */
  state: State;
  /** Records violations for that workspace. */
  recorder: Recorder;
  method: string;
  baseUrl: string;
  triggerWindowMs: number;
  /** Issues a one-time Socket Mode URL (apps.connections.open). */
  issueSocketUrl(): string;
  /** The token the call was made with; undefined for the app-level token. */
  auth?: TokenRecord;
  platform: Platform;
  oauth: OAuthServer;
  /** HTTP Basic credentials of the request, if any (oauth.v2.access, apps.uninstall). */
  basic?: ClientCredentials;
  /** Uninstalls the app from a workspace as Slack does: tokens revoked, then tokens_revoked + app_uninstalled sent. */
  uninstall(teamId: string): void;
}

/** A Web API response body, always sent with HTTP 200. */
export type ApiBody = Record<string, any>;
export type Handler = (args: Record<string, any>, ctx: ApiContext) => ApiBody;

export function fail(error: string, extra: Record<string, any> = {}): ApiBody {
  return { ok: false, error, ...extra };
}

/** Block Kit failure: recorded as violations and returned the way Slack does (errors + response_metadata.messages). */
export function blockKitFailure(
  ctx: Pick<ApiContext, 'recorder' | 'method'>,
  error: string,
  c: Checker,
  pathPrefix = '',
): ApiBody {
  const messages = c.issues.map((i) => formatIssue({ path: `${pathPrefix}${i.path}`, message: i.message }));
  for (const m of messages) ctx.recorder.violation(ctx.method, m);
  return fail(error, { errors: messages.map((m) => m.replace(/^\[ERROR\] /, '')), response_metadata: { messages } });
}

/** Flags an API-usage problem (not Block Kit) as a violation and fails the call. */
export function usageFailure(ctx: Pick<ApiContext, 'recorder' | 'method'>, error: string, detail: string): ApiBody {
  ctx.recorder.violation(ctx.method, `${error}: ${detail}`);
  return fail(error, { response_metadata: { messages: [`[ERROR] ${detail}`] } });
}

export function bool(v: unknown): boolean {
  return v === true || v === 'true' || v === '1' || v === 1;
}

export function int(v: unknown, fallback: number): number {
  const n = typeof v === 'number' ? v : Number.parseInt(String(v ?? ''), 10);
  return Number.isFinite(n) ? n : fallback;
}

/** Decodes cursor pagination the way Slack does (opaque cursor, `limit`). */
export function paginate<T>(
  items: T[],
  args: Record<string, any>,
  defaultLimit = 100,
): { page: T[]; next_cursor: string } {
  const limit = Math.max(1, Math.min(1000, int(args.limit, defaultLimit) || defaultLimit));
  const start =
    typeof args.cursor === 'string' && args.cursor
      ? Number(Buffer.from(args.cursor, 'base64').toString().replace('offset:', ''))
      : 0;
  const offset = Number.isFinite(start) ? start : 0;
  const page = items.slice(offset, offset + limit);
  const next = offset + limit < items.length ? Buffer.from(`offset:${offset + limit}`).toString('base64') : '';
  return { page, next_cursor: next };
}

/** JSON-encoded argument values (form-encoded requests) that the double decodes before handling/recording. */
export const JSON_ARGS = ['blocks', 'attachments', 'view', 'files', 'metadata', 'user_auth_blocks'];

export function decodeJsonArgs(args: Record<string, any>): void {
  for (const key of JSON_ARGS) {
    const v = args[key];
    if (typeof v !== 'string') continue;
    const trimmed = v.trim();
    if (!trimmed.startsWith('[') && !trimmed.startsWith('{')) continue;
    try {
      args[key] = JSON.parse(trimmed);
    } catch {
      // left as a string; the handler answers invalid_blocks_format / invalid_arguments
    }
  }
}
