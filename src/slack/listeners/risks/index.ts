export { registerRiskActions } from './risk-actions.js';
export { openAddRiskModal, runRiskCommand } from './risk-command.js';
export { registerRiskViews } from './risk-views.js';
export { createRiskReviewNotifier } from './review-notifier.js';
