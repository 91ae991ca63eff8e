import type { webApi } from '@slack/bolt';
import type { HomePublisher } from '../../../services/home/home-refresher.js';
import type { HomeService } from '../../../services/home/home-service.js';
import { homeView } from '../../views/home.js';

/** Builds one person's Home from current data and publishes it (views.publish replaces the whole tab). */
export const createHomePublisher =
  (client: webApi.WebClient, home: HomeService): HomePublisher =>
  async (teamId, userId) => {
    await client.views.publish({ user_id: userId, view: homeView(await home.load(teamId, userId)) });
  };
