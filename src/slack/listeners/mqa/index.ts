import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../deps.js';
import { registerMqaActions } from './mqa-actions.js';
import { registerMqaEvents } from './mqa-events.js';
import { registerMqaViews } from './mqa-views.js';

export { runMqaCommand } from './mqa-command.js';
export { registerMqaActions, registerMqaEvents, registerMqaViews };
