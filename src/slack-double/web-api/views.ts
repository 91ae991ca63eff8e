import { Checker } from '../block-kit/checker.js';
import { checkView } from '../block-kit/surfaces.js';
import type { Trigger } from '../state.js';
import type { StoredView } from '../types.js';
import { externalIdTaken, findView, openModal, publishHome, pushModal, replaceView } from '../views-store.js';
import { type ApiBody, type ApiContext, blockKitFailure, fail, type Handler, usageFailure } from './context.js';

/** A view as Slack sends it (without the double's bookkeeping field user_id). */
export function publicView(v: StoredView): Record<string, any> {
  const { user_id: _user, ...rest } = structuredClone(v);
  return rest;
}

/** Validates a view payload; returns a failure body (recording violations) if invalid. */
export function checkViewArg(
  ctx: Pick<ApiContext, 'recorder' | 'method'>,
  view: unknown,
  expected?: 'modal' | 'home',
): ApiBody | undefined {
  if (typeof view === 'string') return usageFailure(ctx, 'invalid_arguments', 'view must be a JSON-encoded object');
  if (view === undefined) return usageFailure(ctx, 'invalid_arguments', 'missing required field: view');
  const c = new Checker();
  checkView(c, view, '/view', expected);
  return c.ok ? undefined : blockKitFailure(ctx, 'invalid_arguments', c);
}

/** Exchanges a trigger_id / interactivity_pointer the way Slack does (once, within the trigger window). */
function exchangeTrigger(args: Record<string, any>, ctx: ApiContext): Trigger | ApiBody {
  const id = args.trigger_id ?? args.interactivity_pointer;
  if (typeof id !== 'string' || id === '') {
    return usageFailure(ctx, 'invalid_arguments', 'missing required field: trigger_id (or interactivity_pointer)');
  }
  const trigger = ctx.state.triggers.get(id);
  if (!trigger) return usageFailure(ctx, 'invalid_trigger_id', `trigger_id ${id} was not issued by Slack`);
  if (trigger.used) {
    return usageFailure(ctx, 'exchanged_trigger_id', `trigger_id ${id} was already exchanged in a previous call`);
  }
  const age = ctx.state.now() - trigger.issuedAt;
  if (age > ctx.triggerWindowMs) {
    return fail('expired_trigger_id', {
      response_metadata: {
        messages: [`[ERROR] trigger_id is ${age} ms old; it expires after ${ctx.triggerWindowMs} ms`],
      },
    });
  }
  trigger.used = true;
  return trigger;
}

function isTrigger(t: Trigger | ApiBody): t is Trigger {
  return typeof (t as Trigger).issuedAt === 'number';
}

const open: Handler = (args, ctx) => {
  const invalid = checkViewArg(ctx, args.view, 'modal');
  if (invalid) return invalid;
  if (externalIdTaken(ctx.state, args.view.external_id)) return fail('duplicate_external_id');
  const trigger = exchangeTrigger(args, ctx);
  if (!isTrigger(trigger)) return trigger;
  return { ok: true, view: publicView(openModal(ctx.state, trigger.userId, args.view)) };
};

const push: Handler = (args, ctx) => {
  const invalid = checkViewArg(ctx, args.view, 'modal');
  if (invalid) return invalid;
  if (externalIdTaken(ctx.state, args.view.external_id)) return fail('duplicate_external_id');
  const trigger = exchangeTrigger(args, ctx);
  if (!isTrigger(trigger)) return trigger;
  const pushed = pushModal(ctx.state, trigger.userId, args.view, trigger.viewId);
  if ('error' in pushed) return fail(pushed.error);
  return { ok: true, view: publicView(pushed) };
};

const update: Handler = (args, ctx) => {
  if (args.view_id === undefined && args.external_id === undefined) {
    return usageFailure(ctx, 'invalid_arguments', 'view_id or external_id is required');
  }
  const existing = findView(ctx.state, args.view_id, args.external_id);
  if (!existing) return fail('not_found');
  if (existing.type === 'modal' && !ctx.state.isOpenModal(existing.id)) return fail('not_found');
  const invalid = checkViewArg(ctx, args.view, existing.type);
  if (invalid) return invalid;
  if (typeof args.hash === 'string' && args.hash && args.hash !== existing.hash) return fail('hash_conflict');
  if (externalIdTaken(ctx.state, args.view.external_id, existing.id)) return fail('duplicate_external_id');
  return { ok: true, view: publicView(replaceView(ctx.state, existing, args.view)) };
};

const publish: Handler = (args, ctx) => {
  const userId = args.user_id;
  if (typeof userId !== 'string' || !userId)
    return usageFailure(ctx, 'invalid_arguments', 'missing required field: user_id');
  if (!ctx.state.users.has(userId)) return fail('user_not_found');
  const invalid = checkViewArg(ctx, args.view, 'home');
  if (invalid) return invalid;
  const currentId = ctx.state.homeByUser.get(userId);
  const current = currentId ? ctx.state.views.get(currentId) : undefined;
  if (typeof args.hash === 'string' && args.hash && current && args.hash !== current.hash) return fail('hash_conflict');
  return { ok: true, view: publicView(publishHome(ctx.state, userId, args.view)) };
};

export const viewHandlers: Record<string, Handler> = {
  'views.open': open,
  'views.push': push,
  'views.update': update,
  'views.publish': publish,
};
