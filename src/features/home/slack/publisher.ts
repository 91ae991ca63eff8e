import type { webApi } from '@slack/bolt';
import type { HomePublisher } from '../../../kernel/home-refresh.js';
import type { HomeService } from '../service.js';
import { homeView } from './blocks/home.js';

/** Builds one person's Home from current data and publishes it (views.publish replaces the whole tab). */
export const createHomePublisher =
  (client: webApi.WebClient, home: HomeService): HomePublisher =>
  async (teamId, userId) => {
    const { viewer, parts } = await home.load(teamId, userId);
    await client.views.publish({ user_id: userId, view: homeView(viewer, parts) });
  };
