import { findElement, listActionIds } from '../normalize.js';
import type { ChannelRecord, State } from '../state.js';
import type { EphemeralMessage, PostedMessage, StoredView } from '../types.js';
import { publicMessage } from '../web-api/message-payload.js';
import { publicView } from '../web-api/views.js';
import { enterpriseRef, type InteractionDeps, requireUser, teamRef, userRef, VERIFICATION_TOKEN } from './common.js';
import { elementValue, untouchedValue } from './element-values.js';

export interface BlockActionParams {
  userId: string;
  actionId: string;
  blockId?: string;
  value?: string;
  selectedOption?: { value: string };
  /** Extra: for multi-selects / checkboxes. */
  selectedOptions?: { value: string }[];
  channelId?: string;
  messageTs?: string;
  viewId?: string;
  triggerId?: string;
  /** Extra: view state.values to report (view containers). */
  stateValues?: Record<string, Record<string, any>>;
}

type Source =
  | { kind: 'view'; view: StoredView; block: any; element: any }
  | { kind: 'message'; channel: ChannelRecord; message: PostedMessage; block: any; element: any }
  | { kind: 'ephemeral'; channel: ChannelRecord; message: EphemeralMessage; block: any; element: any };

/** Finds where the user clicked: an explicit view / message, or the newest surface showing that action_id. */
function locate(state: State, params: BlockActionParams): Source {
  let p = params;
  if (!p.channelId && p.messageTs && !p.viewId) {
    const ts = p.messageTs;
    const channelId =
      [...state.channels.values()].find((c) => c.messages.some((m) => m.ts === ts))?.id ??
      state.ephemerals.find((e) => e.ts === ts && !e.deleted)?.channel;
    if (!channelId) throw new Error(`No message with ts ${ts} in any channel.`);
    p = { ...p, channelId };
  }
  const miss = (where: string, blocks: any[] | undefined) =>
    new Error(
      `No element with action_id '${p.actionId}'${p.blockId ? ` in block '${p.blockId}'` : ''} in ${where}. ` +
        `Available (block_id/action_id): ${listActionIds(blocks).join(', ') || 'none'}`,
    );
  if (p.viewId) {
    const view = state.views.get(p.viewId);
    if (!view) throw new Error(`Unknown view ${p.viewId}.`);
    if (view.type === 'modal' && !state.isOpenModal(view.id)) throw new Error(`View ${p.viewId} is not open any more.`);
    const hit = findElement(view.blocks, p.actionId, p.blockId);
    if (!hit) throw miss(`view ${p.viewId} (${view.callback_id})`, view.blocks);
    return { kind: 'view', view, ...hit };
  }
  const channels = p.channelId ? [state.findChannel(p.channelId)] : [...state.channels.values()];
  if (p.channelId && !channels[0]) throw new Error(`Unknown channel ${p.channelId}.`);
  if (p.channelId && p.messageTs) {
    const channel = channels[0] as ChannelRecord;
    const message = state.findMessage(channel.id, p.messageTs);
    const eph = message ? undefined : state.findEphemeral(channel.id, p.messageTs);
    if (eph && eph.user !== p.userId)
      throw new Error(`Ephemeral message ${p.messageTs} was shown to ${eph.user}, not ${p.userId}.`);
    const target = message ?? eph;
    if (!target) throw new Error(`No message ${p.messageTs} in channel ${channel.id}.`);
    const hit = findElement(target.blocks, p.actionId, p.blockId);
    if (!hit) throw miss(`message ${p.messageTs}`, target.blocks);
    return message
      ? { kind: 'message', channel, message, ...hit }
      : { kind: 'ephemeral', channel, message: eph as EphemeralMessage, ...hit };
  }
  if (!p.channelId) {
    for (const view of state.openModals(p.userId).reverse()) {
      const hit = findElement(view.blocks, p.actionId, p.blockId);
      if (hit) return { kind: 'view', view, ...hit };
    }
    const homeId = state.homeByUser.get(p.userId);
    const home = homeId ? state.views.get(homeId) : undefined;
    const homeHit = home ? findElement(home.blocks, p.actionId, p.blockId) : undefined;
    if (home && homeHit) return { kind: 'view', view: home, ...homeHit };
  }
  const ids = new Set(channels.map((c) => c?.id));
  for (const eph of [...state.ephemerals].reverse()) {
    if (eph.deleted || eph.user !== p.userId || !ids.has(eph.channel)) continue;
    const hit = findElement(eph.blocks, p.actionId, p.blockId);
    const channel = state.channels.get(eph.channel);
    if (hit && channel) return { kind: 'ephemeral', channel, message: eph, ...hit };
  }
  const all = channels.flatMap((c) => (c ? c.messages.map((m) => ({ c, m })) : []));
  all.sort((a, b) => Number(b.m.ts) - Number(a.m.ts));
  for (const { c, m } of all) {
    const hit = findElement(m.blocks, p.actionId, p.blockId);
    if (hit) return { kind: 'message', channel: c, message: m, ...hit };
  }
  throw new Error(
    `No open view, Home tab or message${p.channelId ? ` in ${p.channelId}` : ''} shows action_id '${p.actionId}' to ${p.userId}.`,
  );
}

function actionPayload(state: State, p: BlockActionParams, block: any, el: any): Record<string, any> {
  const base: Record<string, any> = {
    action_id: p.actionId,
    block_id: block.block_id,
    action_ts: (state.now() / 1000).toFixed(6),
  };
  if (el.type === 'button') {
    const action: Record<string, any> = { ...base, type: 'button', text: el.text };
    const value = p.value ?? el.value;
    if (value !== undefined) action.value = value;
    if (el.style) action.style = el.style;
    return action;
  }
  let simple: unknown = p.value;
  if (p.selectedOption) simple = p.selectedOption.value;
  if (p.selectedOptions) simple = p.selectedOptions.map((o) => o.value);
  return { ...base, ...elementValue(el, simple) };
}

/**
 * The modal's state as Slack reports it in block_actions: every input block (untouched ones with their initial
 * values), and the dispatching input's new value, whatever `stateValues` said for it.
 */
function fullModalState(
  view: StoredView,
  actingBlock: any,
  changed: Record<string, any>,
): Record<string, Record<string, any>> {
  const values = structuredClone(view.state?.values ?? {});
  for (const block of view.blocks) {
    if (block?.type !== 'input' || !block.element?.action_id || values[block.block_id]) continue;
    values[block.block_id] = { [block.element.action_id]: untouchedValue(block.element) };
  }
  if (actingBlock?.type === 'input') {
    const { action_id: actionId, block_id: _block, action_ts: _ts, ...value } = changed;
    values[actingBlock.block_id] = { [actionId]: value };
  }
  return values;
}

/** Simulates a click / selection in a message, modal or Home tab; resolves with the ack payload and trigger_id. */
export async function blockAction(
  deps: InteractionDeps,
  p: BlockActionParams,
): Promise<{ ack: any; triggerId: string }> {
  const { state, socket, baseUrl } = deps;
  const user = requireUser(state, p.userId);
  const src = locate(state, p);
  // Slack sends nothing when a select or picker inside an input block changes, unless the block dispatches.
  if (src.block?.type === 'input' && src.block.dispatch_action !== true) {
    throw new Error(
      `Input block '${src.block.block_id}' has no dispatch_action: true, so Slack sends no block_actions when '${p.actionId}' changes.`,
    );
  }
  const action = actionPayload(state, p, src.block, src.element);
  const viewId = src.kind === 'view' ? src.view.id : undefined;
  const triggerId = state.issueTrigger(
    user.id,
    src.kind === 'view' && src.view.type === 'modal' ? viewId : undefined,
    p.triggerId,
  );
  const payload: Record<string, any> = {
    type: 'block_actions',
    user: userRef(state, user),
    api_app_id: state.identity.appId,
    token: VERIFICATION_TOKEN,
    trigger_id: triggerId,
    team: teamRef(state),
    enterprise: enterpriseRef(state),
    is_enterprise_install: false,
  };
  if (src.kind === 'view') {
    if (p.stateValues) src.view.state = { values: structuredClone(p.stateValues) };
    if (src.view.type === 'modal') src.view.state = { values: fullModalState(src.view, src.block, action) };
    payload.container = { type: 'view', view_id: src.view.id };
    payload.view = publicView(src.view);
  } else {
    const ephemeral = src.kind === 'ephemeral';
    payload.container = {
      type: 'message',
      message_ts: src.message.ts,
      channel_id: src.channel.id,
      is_ephemeral: ephemeral,
    };
    payload.channel = { id: src.channel.id, name: src.channel.isIm ? 'directmessage' : src.channel.name };
    if (!ephemeral) payload.message = publicMessage(src.message as PostedMessage);
    payload.state = { values: structuredClone(p.stateValues ?? {}) };
    payload.response_url = state.issueResponseUrl(baseUrl, {
      userId: user.id,
      channelId: src.channel.id,
      messageTs: src.message.ts,
      ephemeral,
    });
  }
  payload.actions = [action];
  const ack = await socket.send({
    type: 'interactive',
    payload,
    accepts_response_payload: false,
    describe: `block_actions ${p.actionId}`,
  });
  return { ack, triggerId };
}
