import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../../../slack/listeners/deps.js';
import { createHomePublisher } from './publisher.js';

/** Opening the Home tab publishes it fresh and remembers the viewer for later team-wide refreshes. */
export function registerAppHomeOpened(app: App, deps: ListenerDeps): void {
  app.event('app_home_opened', async ({ event, body, client }) => {
    if (event.tab !== 'home') return;
    const teamId = body.team_id;
    await deps.home.opened(teamId, event.user);
    await createHomePublisher(client, deps.home)(teamId, event.user);
  });
}
