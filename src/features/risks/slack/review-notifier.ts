import type { Notifier } from '../../../slack/notifier.js';
import type { RiskReviewNotifier } from '../service.js';
import { reviewReminderMessage } from './blocks/risk-messages.js';

/** The review-date DM goes to the owner's DM with the bot; a failure comes back classified so the job retries. */
export const createRiskReviewNotifier = (notifier: Notifier): RiskReviewNotifier => ({
  remindOwner: (risk, timeZone) => notifier.postMessage(risk.ownerId, reviewReminderMessage(risk, timeZone)),
});
