export { runMqaCommand } from './mqa-command.js';
export { registerMqaActions } from './mqa-actions.js';
export { registerMqaEvents } from './mqa-events.js';
export { registerMqaViews } from './mqa-views.js';
