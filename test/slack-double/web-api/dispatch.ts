import type { Faults } from '../faults.js';
import type { Recorder } from '../recorder.js';
import type { State } from '../state.js';
import { type ApiContext, decodeJsonArgs, fail } from './context.js';
import { APP_TOKEN_METHODS, handlers } from './index.js';

export interface HttpReply {
  status: number;
  headers?: Record<string, string>;
  /** Objects are sent as JSON, strings as text/plain. */
  body: unknown;
}

export interface DispatchDeps {
  state: State;
  recorder: Recorder;
  faults: Faults;
  baseUrl: string;
  triggerWindowMs: number;
  issueSocketUrl(): string;
}

/** Turns an injected fault into an HTTP reply, or undefined if none is queued for the method. */
export function faultReply(faults: Faults, method: string): HttpReply | undefined {
  const fault = faults.take(method);
  if (!fault) return undefined;
  if ('error' in fault) return { status: 200, body: fail(fault.error) };
  if (fault.status === 429) {
    return { status: 429, headers: { 'Retry-After': String(fault.retryAfterSeconds) }, body: fail('ratelimited') };
  }
  return { status: 500, body: 'Internal Server Error' };
}

function checkToken(state: State, method: string, token: string | undefined): HttpReply | undefined {
  const { botToken, appToken } = state.identity;
  if (!token) return { status: 200, body: fail('not_authed') };
  if (APP_TOKEN_METHODS.has(method)) {
    if (token === appToken) return undefined;
    return { status: 200, body: fail(token === botToken ? 'not_allowed_token_type' : 'invalid_auth') };
  }
  if (token === botToken) return undefined;
  return { status: 200, body: fail(token === appToken ? 'not_allowed_token_type' : 'invalid_auth') };
}

/** Handles one Web API call: faults, auth, rate limits, the method itself; records it. */
export function dispatchApiCall(
  deps: DispatchDeps,
  method: string,
  rawArgs: Record<string, any>,
  token: string | undefined,
): HttpReply {
  const args = { ...rawArgs };
  delete args.token;
  decodeJsonArgs(args);
  const reply = computeReply(deps, method, args, token);
  deps.recorder.record({ method, args, token, at: deps.state.now(), response: reply.body, status: reply.status });
  return reply;
}

function computeReply(
  deps: DispatchDeps,
  method: string,
  args: Record<string, any>,
  token: string | undefined,
): HttpReply {
  const faulted = faultReply(deps.faults, method);
  if (faulted) return faulted;
  const authError = checkToken(deps.state, method, token);
  if (authError) return authError;
  if (method === 'chat.postMessage' && typeof args.channel === 'string') {
    const retryAfter = deps.faults.overLimit(args.channel);
    if (retryAfter !== undefined) {
      return { status: 429, headers: { 'Retry-After': String(retryAfter) }, body: fail('ratelimited') };
    }
  }
  const handler = handlers[method];
  if (!handler) {
    deps.recorder.violation(
      method,
      'unknown_method: the Slack double does not implement this method (or it does not exist)',
    );
    return { status: 200, body: fail('unknown_method') };
  }
  const ctx: ApiContext = {
    state: deps.state,
    recorder: deps.recorder,
    method,
    baseUrl: deps.baseUrl,
    triggerWindowMs: deps.triggerWindowMs,
    issueSocketUrl: deps.issueSocketUrl,
  };
  try {
    return { status: 200, body: handler(args, ctx) };
  } catch (err) {
    deps.recorder.violation(
      method,
      `the Slack double crashed handling this call: ${(err as Error).stack ?? String(err)}`,
    );
    return { status: 500, body: 'Internal Server Error' };
  }
}
