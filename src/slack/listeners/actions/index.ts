import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../deps.js';
import { registerAssessmentRepost } from './assessment-repost.js';
import { registerHomeButtons } from './home-buttons.js';

export function registerActions(app: App, deps: ListenerDeps): void {
  registerAssessmentRepost(app, deps);
  registerHomeButtons(app, deps);
}
