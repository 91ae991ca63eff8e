import type { App } from '@slack/bolt';
import { registerActions } from './actions/index.js';
import { registerCommands } from '../command-router.js';
import type { ListenerDeps } from './deps.js';
import { registerErrorHandler } from '../error-handler.js';
import { registerEvents } from './events/index.js';
import { registerViews } from './views/index.js';

export function registerListeners(app: App, deps: ListenerDeps): void {
  registerCommands(app, deps);
  registerViews(app, deps);
  registerActions(app, deps);
  registerEvents(app, deps);
  registerErrorHandler(app, deps);
}
