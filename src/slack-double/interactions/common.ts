import type { Recorder } from '../recorder.js';
import type { SocketModeServer } from '../socket-mode.js';
import type { State } from '../state.js';
import type { DoubleUser } from '../types.js';

export interface InteractionDeps {
  state: State;
  recorder: Recorder;
  /** The app's transport: Socket Mode, or Slack's HTTP delivery to a request URL (same `send` contract). */
  socket: Pick<SocketModeServer, 'send'>;
  baseUrl: string;
}

/** Verification token field Slack still sends in payloads (deprecated, unused by Socket Mode apps). */
export const VERIFICATION_TOKEN = 'double-verification-token';

export function requireUser(state: State, userId: string): DoubleUser {
  const u = state.users.get(userId);
  if (!u) throw new Error(`Unknown user ${userId}: call double.addUser({ id: '${userId}', name: ... }) first.`);
  return u;
}

export function userRef(state: State, u: DoubleUser): Record<string, any> {
  return { id: u.id, username: u.name, name: u.name, team_id: state.identity.teamId };
}

/** `team` of an interaction payload; in an Enterprise Grid workspace also `enterprise_id` / `enterprise_name`. */
export function teamRef(state: State): Record<string, any> {
  const { identity } = state;
  const team: Record<string, any> = { id: identity.teamId, domain: identity.teamDomain };
  if (identity.enterpriseId) {
    team.enterprise_id = identity.enterpriseId;
    team.enterprise_name = identity.enterpriseName ?? '';
  }
  return team;
}

/** `enterprise` of an interaction payload: null outside Enterprise Grid. */
export function enterpriseRef(state: State): { id: string; name: string } | null {
  const { identity } = state;
  return identity.enterpriseId ? { id: identity.enterpriseId, name: identity.enterpriseName ?? '' } : null;
}

export function isEmptyPayload(p: unknown): boolean {
  return p === undefined || p === null || (typeof p === 'object' && Object.keys(p as object).length === 0);
}
