import { normalizeBlocks } from './normalize.js';
import type { State } from './state.js';
import type { StoredView } from './types.js';

const MAX_STACK = 3;

function buildView(
  state: State,
  userId: string,
  input: Record<string, any>,
  links: { id?: string; rootId?: string; previousId?: string | null },
): StoredView {
  const { identity, ids } = state;
  const id = links.id ?? ids.next('V');
  const view: StoredView = {
    id,
    team_id: identity.teamId,
    type: input.type === 'home' ? 'home' : 'modal',
    user_id: userId,
    callback_id: typeof input.callback_id === 'string' ? input.callback_id : '',
    private_metadata: typeof input.private_metadata === 'string' ? input.private_metadata : '',
    external_id: typeof input.external_id === 'string' ? input.external_id : '',
    blocks: normalizeBlocks(input.blocks, ids) ?? [],
    state: { values: {} },
    hash: ids.hash(),
    clear_on_close: input.clear_on_close === true,
    notify_on_close: input.notify_on_close === true,
    previous_view_id: links.previousId ?? null,
    root_view_id: links.rootId ?? id,
    app_id: identity.appId,
    app_installed_team_id: identity.teamId,
    bot_id: identity.botId,
  };
  if (input.title !== undefined) view.title = structuredClone(input.title);
  if (input.submit !== undefined) view.submit = structuredClone(input.submit);
  if (input.close !== undefined) view.close = structuredClone(input.close);
  if (input.submit_disabled !== undefined) view.submit_disabled = input.submit_disabled === true;
  return view;
}

export function externalIdTaken(state: State, externalId: unknown, exceptId?: string): boolean {
  if (typeof externalId !== 'string' || externalId === '') return false;
  for (const v of state.views.values()) if (v.external_id === externalId && v.id !== exceptId) return true;
  return false;
}

/** views.open: a new modal stack for the user (any stack still open is replaced). */
export function openModal(state: State, userId: string, input: Record<string, any>): StoredView {
  const view = buildView(state, userId, input, {});
  state.views.set(view.id, view);
  state.modalStacks.set(userId, [view.id]);
  return view;
}

/** views.push / response_action push: on top of the stack holding `fromViewId` (or the user's stack). */
export function pushModal(
  state: State,
  userId: string,
  input: Record<string, any>,
  fromViewId?: string,
): StoredView | { error: string } {
  const owner = fromViewId ? stackOwner(state, fromViewId) : undefined;
  const stackUser = owner ?? userId;
  const stack = state.modalStacks.get(stackUser);
  if (!stack || stack.length === 0) return openModal(state, userId, input);
  if (stack.length >= MAX_STACK) return { error: 'push_limit_reached' };
  const top = stack[stack.length - 1];
  const view = buildView(state, stackUser, input, { rootId: stack[0], previousId: top ?? null });
  state.views.set(view.id, view);
  stack.push(view.id);
  return view;
}

/** views.update / response_action update: same id, new hash and content. */
export function replaceView(state: State, existing: StoredView, input: Record<string, any>): StoredView {
  const view = buildView(state, existing.user_id, input, {
    id: existing.id,
    rootId: existing.root_view_id,
    previousId: existing.previous_view_id,
  });
  if (input.external_id === undefined) view.external_id = existing.external_id;
  state.views.set(view.id, view);
  return view;
}

/** views.publish: the user's Home tab (same id across publishes). */
export function publishHome(state: State, userId: string, input: Record<string, any>): StoredView {
  const existingId = state.homeByUser.get(userId);
  const view = buildView(state, userId, input, existingId ? { id: existingId } : {});
  state.views.set(view.id, view);
  state.homeByUser.set(userId, view.id);
  return view;
}

function stackOwner(state: State, viewId: string): string | undefined {
  for (const [uid, stack] of state.modalStacks) if (stack.includes(viewId)) return uid;
  return undefined;
}

/** Closes one modal (and everything pushed above it). */
export function closeModal(state: State, viewId: string): void {
  const owner = stackOwner(state, viewId);
  if (!owner) return;
  const stack = state.modalStacks.get(owner) ?? [];
  const idx = stack.indexOf(viewId);
  const rest = stack.slice(0, idx);
  if (rest.length === 0) state.modalStacks.delete(owner);
  else state.modalStacks.set(owner, rest);
}

/** Closes the whole stack holding `viewId` (response_action clear, clear_on_close). */
export function closeStack(state: State, viewId: string): void {
  const owner = stackOwner(state, viewId);
  if (owner) state.modalStacks.delete(owner);
}

export function findView(state: State, viewId?: unknown, externalId?: unknown): StoredView | undefined {
  if (typeof viewId === 'string' && viewId) return state.views.get(viewId);
  if (typeof externalId === 'string' && externalId) {
    for (const v of state.views.values()) if (v.external_id === externalId) return v;
  }
  return undefined;
}
