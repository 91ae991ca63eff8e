import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../deps.js';
import { registerAssessmentRepost } from './assessment-repost.js';

export function registerActions(app: App, deps: ListenerDeps): void {
  registerAssessmentRepost(app, deps);
}
