import { Checker, formatIssue, isObject } from '../block-kit/checker.js';
import { checkView } from '../block-kit/surfaces.js';
import type { StoredView } from '../types.js';
import { closeModal, closeStack, pushModal, replaceView } from '../views-store.js';
import { publicView } from '../web-api/views.js';
import {
  enterpriseRef,
  type InteractionDeps,
  isEmptyPayload,
  requireUser,
  teamRef,
  userRef,
  VERIFICATION_TOKEN,
} from './common.js';
import { completeSubmission } from './state-values.js';

export interface ViewSubmissionParams {
  userId: string;
  viewId: string;
  /** state.values shape: { [block_id]: { [action_id]: { type, value | selected_option | ... } } } */
  values: Record<string, Record<string, any>>;
  /**
   * Deliver the submission even though a required input is empty, as an outdated client or a hand-made API
   * call could: lets a test prove the app's own validation, which must not trust the client's.
   */
  skipClientValidation?: boolean;
}

function requireOpenModal(deps: InteractionDeps, userId: string, viewId: string): StoredView {
  const view = deps.state.views.get(viewId);
  if (view?.type !== 'modal') throw new Error(`Unknown modal view ${viewId}.`);
  if (!deps.state.isOpenModal(viewId))
    throw new Error(`View ${viewId} (${view.callback_id}) is not open (it was closed or replaced).`);
  if (view.user_id !== userId) throw new Error(`View ${viewId} is open for ${view.user_id}, not ${userId}.`);
  return view;
}

/** Simulates pressing Submit on an open modal; applies the ack's response_action like Slack. */
export async function viewSubmission(deps: InteractionDeps, p: ViewSubmissionParams): Promise<{ ack: any }> {
  const { state, socket } = deps;
  const user = requireUser(state, p.userId);
  const view = requireOpenModal(deps, p.userId, p.viewId);
  const values = completeSubmission(view, p.values, { enforceRequired: !p.skipClientValidation });
  view.state = { values: structuredClone(values) };
  const triggerId = state.issueTrigger(user.id, view.id);
  const payload = {
    type: 'view_submission',
    team: teamRef(state),
    user: userRef(state, user),
    api_app_id: state.identity.appId,
    token: VERIFICATION_TOKEN,
    trigger_id: triggerId,
    view: publicView(view),
    response_urls: [],
    is_enterprise_install: false,
    enterprise: enterpriseRef(state),
  };
  const ack = await socket.send({
    type: 'interactive',
    payload,
    accepts_response_payload: true,
    describe: `view_submission of '${view.callback_id}' (${view.id})`,
  });
  applySubmissionAck(deps, view, ack);
  return { ack };
}

function applySubmissionAck(deps: InteractionDeps, view: StoredView, ack: any): void {
  const { state, recorder } = deps;
  const where = `view_submission ack (${view.callback_id || view.id})`;
  if (isEmptyPayload(ack)) {
    closeModal(state, view.id);
    return;
  }
  const action = ack?.response_action;
  switch (action) {
    case 'errors': {
      const inputIds = new Set(view.blocks.filter((b) => b?.type === 'input').map((b) => b.block_id));
      if (!isObject(ack.errors) || Object.keys(ack.errors).length === 0) {
        recorder.violation(where, 'response_action "errors" needs a non-empty errors object keyed by input block_id');
        return;
      }
      for (const [blockId, message] of Object.entries(ack.errors)) {
        if (!inputIds.has(blockId)) {
          recorder.violation(
            where,
            `errors key '${blockId}' is not the block_id of an input block in the view (inputs: ${[...inputIds].join(', ')})`,
          );
        }
        if (typeof message !== 'string' || message.length === 0) {
          recorder.violation(where, `errors['${blockId}'] must be a non-empty string`);
        }
      }
      return;
    }
    case 'update':
    case 'push': {
      const c = new Checker();
      checkView(c, ack.view, '/view', 'modal');
      if (!c.ok) {
        for (const i of c.issues) recorder.violation(where, formatIssue(i));
        return;
      }
      if (action === 'update') replaceView(state, view, ack.view);
      else {
        const pushed = pushModal(state, view.user_id, ack.view, view.id);
        if ('error' in pushed) recorder.violation(where, `${pushed.error}: a modal stack holds at most 3 views`);
      }
      return;
    }
    case 'clear':
      closeStack(state, view.id);
      return;
    default:
      recorder.violation(
        where,
        `unexpected ack payload ${JSON.stringify(ack)} (response_action must be errors, update, push or clear)`,
      );
  }
}

/** Simulates the user closing (X / Cancel) a modal. Slack sends view_closed only if notify_on_close was set. */
export async function viewClosed(
  deps: InteractionDeps,
  p: { userId: string; viewId: string; isCleared?: boolean },
): Promise<{ ack: any; notified: boolean }> {
  const { state, socket } = deps;
  const user = requireUser(state, p.userId);
  const view = requireOpenModal(deps, p.userId, p.viewId);
  const cleared = p.isCleared === true || view.clear_on_close;
  if (cleared) closeStack(state, view.id);
  else closeModal(state, view.id);
  if (!view.notify_on_close) return { ack: undefined, notified: false };
  const payload = {
    type: 'view_closed',
    team: teamRef(state),
    user: userRef(state, user),
    api_app_id: state.identity.appId,
    token: VERIFICATION_TOKEN,
    view: publicView(view),
    is_cleared: cleared,
    is_enterprise_install: false,
    enterprise: enterpriseRef(state),
  };
  const ack = await socket.send({
    type: 'interactive',
    payload,
    accepts_response_payload: false,
    describe: `view_closed of ${view.id}`,
  });
  return { ack, notified: true };
}
