import type { App } from '@slack/bolt';
import { homeView } from '../../views/home.js';
import type { ListenerDeps } from '../deps.js';

export function registerAppHomeOpened(app: App, deps: ListenerDeps): void {
  app.event('app_home_opened', async ({ event, body, client }) => {
    if (event.tab !== 'home') return;
    const teamId = body.team_id;
    const [latest, isAdmin] = await Promise.all([deps.assessments.latestSummary(teamId), deps.settings.isAdmin(teamId, event.user)]);
    await client.views.publish({ user_id: event.user, view: homeView({ latest, isAdmin }) });
  });
}
