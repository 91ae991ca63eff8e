import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../deps.js';
import { registerAppHomeOpened } from '../../../features/home/slack/events.js';
import { registerMqaEvents } from '../../../features/mqa/slack/listeners.js';

export function registerEvents(app: App, deps: ListenerDeps): void {
  registerAppHomeOpened(app, deps);
  registerMqaEvents(app, deps);
}
