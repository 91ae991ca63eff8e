import type { Listeners } from '../../../slack/listener-table.js';
import type { HomeService } from '../service.js';
import { createHomePublisher } from './publisher.js';

/** Opening the Home tab publishes it fresh and remembers the viewer for later team-wide refreshes. */
export function registerHomeListeners(app: Listeners, home: HomeService): void {
  app.event('app_home_opened', async ({ event, body, client }) => {
    if (event.tab !== 'home') return;
    await home.opened(body.team_id, event.user);
    await createHomePublisher(client, home)(body.team_id, event.user);
  });
}
