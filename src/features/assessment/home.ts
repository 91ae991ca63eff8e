import { COMMAND } from '../../slack/ids.js';
import type { HomeSection } from '../home-section.js';
import type { AssessmentSummary } from './service.js';
import { assessmentHomeBlocks } from './slack/blocks/home.js';
import { ASSESS_ACTION } from './slack/ids.js';

/** The latest score opens App Home's body; its button is the primary one. */
export function assessmentHomeSection(assessments: {
  latestSummary(teamId: string): Promise<AssessmentSummary | undefined>;
}): HomeSection {
  return {
    key: 'assessment',
    startsGroup: true,
    buttons: [{ text: 'Take the assessment', actionId: ASSESS_ACTION.open, style: 'primary' }],
    commands: [{ usage: `${COMMAND} assess [segment]` }],
    load: async (viewer) => ({ blocks: assessmentHomeBlocks(await assessments.latestSummary(viewer.teamId)) }),
  };
}
