import type { App } from '@slack/bolt';

/** What a feature registers its actions, view submissions and events with: Bolt's own methods, same arguments. */
export type Listeners = Pick<App, 'action' | 'view' | 'event' | 'use'>;

type Handler = (args: never) => Promise<void> | void;
type ViewType = 'view_submission' | 'view_closed';

interface ListenerArgs {
  payload: { action_id?: string; block_id?: string };
  body: { type?: string; view?: { callback_id?: string } };
  event?: { type?: string };
}

/**
 * Features register here, and Bolt sees one listener per kind (actions, views, events) that finds the feature's
 * handler by id. Bolt runs every listener's middleware chain on every request, copying the request's arguments for
 * each middleware: with sixty listeners that took more of each request's CPU than the handler itself.
 *
 * Global middleware (`use`) goes straight to Bolt. Only exact ids are taken (what features use); anything else is refused at start-up rather than silently unmatched.
 */
export function createListenerTable(app: App): { listeners: Listeners; install(): void } {
  const actions = new Map<string, Array<{ blockId: string | undefined; handler: Handler }>>();
  const views = new Map<string, Handler>();
  const events = new Map<string, Handler>();
  let installed = false;

  const onlyHandler = (what: string, handlers: unknown[]): Handler => {
    if (installed) throw new Error(`${what} was registered after the listeners were installed`);
    if (handlers.length !== 1 || typeof handlers[0] !== 'function')
      throw new Error(`${what}: give exactly one handler (listener middleware is not supported here)`);
    return handlers[0] as Handler;
  };
  const exactId = (what: string, id: unknown): string => {
    if (typeof id !== 'string') throw new Error(`${what}: only an exact id (a string) can be registered`);
    return id;
  };
  const addOnce = (map: Map<string, Handler>, key: string, handler: Handler, what: string) => {
    if (map.has(key)) throw new Error(`${what} is registered twice`);
    map.set(key, handler);
  };

  const listeners = {
    // Global middleware goes to Bolt as it is, in the order registered.
    use: (middleware: Parameters<App['use']>[0]) => app.use(middleware),
    action(constraints: unknown, ...handlers: unknown[]) {
      const given =
        typeof constraints === 'object' && constraints !== null && !(constraints instanceof RegExp)
          ? (constraints as Record<string, unknown>)
          : { action_id: constraints };
      const extra = Object.keys(given).filter((key) => key !== 'action_id' && key !== 'block_id');
      if (extra.length > 0) throw new Error(`Action listener: unsupported constraints ${extra.join(', ')}`);
      const actionId = exactId('Action listener', given.action_id);
      const what = `Action ${actionId}`;
      const blockId = given.block_id === undefined ? undefined : exactId(what, given.block_id);
      const handler = onlyHandler(what, handlers);
      const sameId = actions.get(actionId) ?? [];
      if (sameId.some((entry) => entry.blockId === blockId)) throw new Error(`${what} is registered twice`);
      actions.set(actionId, [...sameId, { blockId, handler }]);
    },
    view(constraints: unknown, ...handlers: unknown[]) {
      const given =
        typeof constraints === 'object' && constraints !== null && !(constraints instanceof RegExp)
          ? (constraints as { callback_id?: unknown; type?: ViewType })
          : { callback_id: constraints, type: 'view_submission' as const };
      const callbackId = exactId('View listener', given.callback_id);
      const type = given.type ?? 'view_submission';
      const what = `View ${callbackId} (${type})`;
      addOnce(views, `${type} ${callbackId}`, onlyHandler(what, handlers), what);
    },
    event(type: unknown, ...handlers: unknown[]) {
      const eventType = exactId('Event listener', type);
      const what = `Event ${eventType}`;
      addOnce(events, eventType, onlyHandler(what, handlers), what);
    },
  } as unknown as Listeners;

  // Bolt's final listener gets the request's arguments; the feature's handler is called with those same arguments.
  const call = (handler: Handler, args: unknown) => (handler as (args: unknown) => Promise<void> | void)(args);

  return {
    listeners,
    install() {
      installed = true;
      if (actions.size > 0)
        app.action(/(?:)/, async (args) => {
          const { action_id: actionId, block_id: blockId } = (args as unknown as ListenerArgs).payload;
          const matching = (actionId === undefined ? undefined : actions.get(actionId)) ?? [];
          const handlers = matching.filter((entry) => entry.blockId === undefined || entry.blockId === blockId);
          // As Bolt does for several matching listeners: all run, the first failure is reported.
          const failed = (await Promise.allSettled(handlers.map((entry) => call(entry.handler, args)))).find(
            (result): result is PromiseRejectedResult => result.status === 'rejected',
          );
          if (failed) throw failed.reason;
        });
      for (const type of ['view_submission', 'view_closed'] as const) {
        if (![...views.keys()].some((key) => key.startsWith(`${type} `))) continue;
        app.view({ type }, async (args) => {
          const callbackId = (args as unknown as ListenerArgs).body.view?.callback_id;
          const handler = callbackId === undefined ? undefined : views.get(`${type} ${callbackId}`);
          if (handler) await call(handler, args);
        });
      }
      if (events.size > 0)
        app.event(/(?:)/, async (args) => {
          const type = (args as unknown as ListenerArgs).event?.type;
          const handler = type === undefined ? undefined : events.get(type);
          if (handler) await call(handler, args);
        });
    },
  };
}
