export { runMqaCommand } from './commands.js';
export { registerMqaActions } from './actions.js';
export { registerMqaEvents } from './events.js';
export { registerMqaViews } from './submissions.js';
