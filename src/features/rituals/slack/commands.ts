import type { webApi } from '@slack/bolt';
import type { SlackMessage } from '../../../slack/blocks.js';
import type { ModalRequest } from '../../../slack/modal-request.js';
import { formatLocalDate, wallClockAt } from '../domain/index.js';
import { followUpsList } from './blocks/follow-up.js';
import { ritualsListMessage } from './blocks/rituals-list.js';
import type { RitualListenerDeps } from './deps.js';

/** `/loop rituals`: the list, privately, with buttons for admins. */
export async function ritualsListFor(deps: RitualListenerDeps, teamId: string, userId: string): Promise<SlackMessage> {
  const [items, isAdmin] = await Promise.all([deps.rituals.list(teamId), deps.rituals.isAdmin(teamId, userId)]);
  return ritualsListMessage(items, isAdmin);
}

/** `/loop followups`: the requester's open actions. */
export async function followUpsListFor(
  deps: RitualListenerDeps,
  teamId: string,
  userId: string,
): Promise<SlackMessage> {
  const [items, timeZone] = await Promise.all([
    deps.followUps.openFollowUpsFor(teamId, userId),
    deps.rituals.teamTimeZone(teamId),
  ]);
  return followUpsList(items, formatLocalDate(wallClockAt(deps.rituals.now(), timeZone)));
}

export const runRitualsCommand = (deps: RitualListenerDeps, _client: webApi.WebClient, request: ModalRequest) =>
  ritualsListFor(deps, request.teamId, request.userId);
export const runFollowUpsCommand = (deps: RitualListenerDeps, _client: webApi.WebClient, request: ModalRequest) =>
  followUpsListFor(deps, request.teamId, request.userId);
