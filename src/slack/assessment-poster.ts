import type { AssessmentPoster } from '../services/assessment-service.js';
import type { Notifier } from './notifier.js';
import { assessmentSummaryMessage } from './views/assessment-summary.js';

export function createAssessmentPoster(notifier: Notifier): AssessmentPoster {
  return {
    postSummary: (channelId, summary) => notifier.postMessage(channelId, assessmentSummaryMessage(summary)),
  };
}
