export { registerRiskActions } from './actions.js';
export { openAddRiskModal, runRiskCommand } from './commands.js';
export { registerRiskViews } from './submissions.js';
export { createRiskReviewNotifier } from './review-notifier.js';
