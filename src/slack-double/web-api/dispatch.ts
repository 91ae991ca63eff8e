import type { Faults } from '../faults.js';
import type { ClientCredentials, OAuthServer } from '../oauth.js';
import type { Platform } from '../platform.js';
import type { Recorder } from '../recorder.js';
import { type ApiContext, decodeJsonArgs, fail } from './context.js';
import { APP_TOKEN_METHODS, handlers, NO_TOKEN_METHODS, USER_TOKEN_METHODS } from './index.js';

export interface HttpReply {
  status: number;
  headers?: Record<string, string>;
  /** Objects are sent as JSON, strings as text/plain. */
  body: unknown;
}

export interface DispatchDeps {
  platform: Platform;
  oauth: OAuthServer;
  recorder: Recorder;
  faults: Faults;
  baseUrl: string;
  triggerWindowMs: number;
  issueSocketUrl(): string;
  uninstall(teamId: string): void;
}

/** Turns an injected fault into an HTTP reply, or undefined if none is queued for the method (in that workspace). */
export function faultReply(faults: Faults, method: string, teamId?: string): HttpReply | undefined {
  const fault = faults.take(method, teamId);
  if (!fault) return undefined;
  if ('error' in fault) return { status: 200, body: fail(fault.error) };
  if (fault.status === 429) {
    return { status: 429, headers: { 'Retry-After': String(fault.retryAfterSeconds) }, body: fail('ratelimited') };
  }
  return { status: 500, body: 'Internal Server Error' };
}

/** Handles one Web API call: the token's workspace, faults, auth, rate limits, the method itself; records it. */
export function dispatchApiCall(
  deps: DispatchDeps,
  method: string,
  rawArgs: Record<string, any>,
  token: string | undefined,
  basic?: ClientCredentials,
): HttpReply {
  const args = { ...rawArgs };
  delete args.token;
  decodeJsonArgs(args);
  const { reply, teamId } = computeReply(deps, method, args, token, basic);
  deps.recorder.forTeam(teamId).record({
    method,
    args,
    token,
    at: deps.platform.now(),
    response: reply.body,
    status: reply.status,
  });
  return reply;
}

function computeReply(
  deps: DispatchDeps,
  method: string,
  args: Record<string, any>,
  token: string | undefined,
  basic: ClientCredentials | undefined,
): { reply: HttpReply; teamId?: string } {
  if (NO_TOKEN_METHODS.has(method)) {
    const faulted = faultReply(deps.faults, method);
    if (faulted) return { reply: faulted };
    const { body, teamId } = deps.oauth.access(args, basic);
    return { reply: { status: 200, body }, teamId };
  }
  const auth = deps.platform.authenticate(token);
  const teamId = auth.kind === 'token' ? auth.record.teamId : auth.kind === 'error' ? auth.teamId : undefined;
  const faulted = faultReply(deps.faults, method, teamId);
  if (faulted) return { reply: faulted, teamId };
  if (auth.kind === 'error') return { reply: { status: 200, body: fail(auth.error) }, teamId };
  if (APP_TOKEN_METHODS.has(method) !== (auth.kind === 'app')) {
    return { reply: { status: 200, body: fail('not_allowed_token_type') }, teamId };
  }
  const recorder = deps.recorder.forTeam(teamId);
  if (auth.kind === 'token' && auth.record.type === 'user' && !USER_TOKEN_METHODS.has(method)) {
    recorder.violation(
      method,
      `not_allowed_token_type: the Slack double answers ${method} for the bot token only, not a user (xoxp-) token`,
    );
    return { reply: { status: 200, body: fail('not_allowed_token_type') }, teamId };
  }
  if (method === 'chat.postMessage' && typeof args.channel === 'string') {
    const retryAfter = deps.faults.overLimit(args.channel, teamId);
    if (retryAfter !== undefined) {
      return {
        reply: { status: 429, headers: { 'Retry-After': String(retryAfter) }, body: fail('ratelimited') },
        teamId,
      };
    }
  }
  const handler = handlers[method];
  if (!handler) {
    recorder.violation(
      method,
      'unknown_method: the Slack double does not implement this method (or it does not exist)',
    );
    return { reply: { status: 200, body: fail('unknown_method') }, teamId };
  }
  const ctx: ApiContext = {
    state: auth.kind === 'token' ? auth.state : deps.platform.defaultState,
    recorder,
    method,
    baseUrl: deps.baseUrl,
    triggerWindowMs: deps.triggerWindowMs,
    issueSocketUrl: deps.issueSocketUrl,
    platform: deps.platform,
    oauth: deps.oauth,
    uninstall: deps.uninstall,
  };
  if (auth.kind === 'token') ctx.auth = auth.record;
  if (basic) ctx.basic = basic;
  try {
    return { reply: { status: 200, body: handler(args, ctx) }, teamId };
  } catch (err) {
    recorder.violation(method, `the Slack double crashed handling this call: ${(err as Error).stack ?? String(err)}`);
    return { reply: { status: 500, body: 'Internal Server Error' }, teamId };
  }
}
