import type { HomeRefresher } from '../../kernel/home-refresh.js';
import type { AssessmentService } from './service.js';

/** The assessment service, plus: a newly stored assessment refreshes the Home of everyone in the team who opened it. */
export function withHomeRefresh(assessments: AssessmentService, home: HomeRefresher): AssessmentService {
  return {
    ...assessments,
    async submit(submission) {
      const result = await assessments.submit(submission);
      if (result.created) home.refresh(submission.teamId, 'team');
      return result;
    },
  };
}
