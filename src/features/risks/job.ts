import type { ScheduledJob } from '../../scheduler/scheduler.js';
import type { RiskService } from './service.js';

/** Registered in bootstrap's `jobs`: DMs risk owners when a review date arrives. */
export const createRiskReviewJob = (service: RiskService): ScheduledJob => ({
  name: 'risk-review-reminders',
  run: (now) => service.sendDueReviews(now),
});
