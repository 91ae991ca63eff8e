import type { Faults } from './faults.js';
import type { Recorder } from './recorder.js';
import type { ResponseTarget, State } from './state.js';
import type { EphemeralMessage, PostedMessage } from './types.js';
import { bool, fail } from './web-api/context.js';
import { faultReply, type HttpReply } from './web-api/dispatch.js';
import { applyContent, checkMessagePayload, storeBotMessage } from './web-api/message-payload.js';

const RESPONSE_URL_TTL_MS = 30 * 60 * 1000;
const RESPONSE_URL_MAX_USES = 5;
const METHOD = 'response_url';

export interface RespondDeps {
  /** The workspace the response_url was issued in. */
  state: State;
  recorder: Recorder;
  faults: Faults;
  /** That workspace's id (for workspace-scoped faults); undefined for a URL Slack never issued. */
  teamId?: string;
}

/** POST <baseUrl>/respond/<id>: Slack's response_url for slash commands and message interactions. */
export function handleResponseUrl(deps: RespondDeps, id: string, body: unknown): HttpReply {
  const args = typeof body === 'object' && body !== null ? (body as Record<string, any>) : { raw: body };
  const reply = computeReply(deps, id, args);
  deps.recorder.record({
    method: METHOD,
    args,
    token: undefined,
    at: deps.state.now(),
    response: reply.body,
    status: reply.status,
  });
  return reply;
}

function computeReply(deps: RespondDeps, id: string, args: Record<string, any>): HttpReply {
  const { state, recorder } = deps;
  const faulted = faultReply(deps.faults, METHOD, deps.teamId);
  if (faulted) return faulted;
  const target = state.responseTargets.get(id);
  if (!target) return { status: 404, body: fail('invalid_url') };
  if (state.now() - target.issuedAt > RESPONSE_URL_TTL_MS) return { status: 404, body: fail('expired_url') };
  if (target.uses >= RESPONSE_URL_MAX_USES) {
    recorder.violation(METHOD, `used_url: a response_url can be used at most ${RESPONSE_URL_MAX_USES} times`);
    return { status: 404, body: fail('used_url') };
  }
  target.uses += 1;
  if ('raw' in args) return { status: 400, body: fail('invalid_payload') };

  if (bool(args.delete_original)) {
    return deleteOriginal(state, target)
      ? { status: 200, body: { ok: true } }
      : { status: 404, body: fail('message_not_found') };
  }
  const invalid = checkMessagePayload({ recorder, method: METHOD }, args);
  if (invalid) return { status: 400, body: invalid };

  if (bool(args.replace_original) && replaceOriginal(state, target, args)) return { status: 200, body: { ok: true } };

  if (!target.channelId) return { status: 404, body: fail('channel_not_found') };
  if (args.response_type === 'in_channel') {
    if (!state.channels.has(target.channelId)) return { status: 404, body: fail('channel_not_found') };
    storeBotMessage(state, target.channelId, args, 'response_url');
  } else {
    postEphemeral(state, target.channelId, target.userId, args, 'response_url');
  }
  return { status: 200, body: { ok: true } };
}

export function postEphemeral(
  state: State,
  channelId: string,
  userId: string,
  args: Record<string, any>,
  via: string,
): EphemeralMessage {
  const eph: EphemeralMessage = { ts: state.ids.ts(), channel: channelId, user: userId, via };
  applyContent(state, eph, args);
  if (typeof args.thread_ts === 'string' && args.thread_ts) eph.thread_ts = args.thread_ts;
  state.ephemerals.push(eph);
  return eph;
}

function deleteOriginal(state: State, target: ResponseTarget): boolean {
  if (!target.channelId || !target.messageTs) return false;
  if (target.ephemeral) {
    const eph = state.findEphemeral(target.channelId, target.messageTs);
    if (!eph) return false;
    eph.deleted = true;
    return true;
  }
  const ch = state.channels.get(target.channelId);
  const idx = ch?.messages.findIndex((m) => m.ts === target.messageTs) ?? -1;
  if (!ch || idx < 0) return false;
  ch.messages.splice(idx, 1);
  return true;
}

function replaceOriginal(state: State, target: ResponseTarget, args: Record<string, any>): boolean {
  if (!target.channelId || !target.messageTs) return false;
  const original = target.ephemeral
    ? state.findEphemeral(target.channelId, target.messageTs)
    : state.findMessage(target.channelId, target.messageTs);
  if (!original) return false;
  // Slack replaces the whole message: fields not given are cleared.
  original.text = args.text !== undefined ? String(args.text) : '';
  delete original.blocks;
  delete original.attachments;
  applyContent(state, original, { blocks: args.blocks, attachments: args.attachments });
  if (target.ephemeral) {
    const eph = original as EphemeralMessage;
    eph.replacedCount = (eph.replacedCount ?? 0) + 1;
  } else {
    (original as PostedMessage).edited = { user: state.identity.botUserId, ts: state.ids.ts() };
  }
  return true;
}
