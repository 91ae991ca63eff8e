import type { Feature, FeatureDeps } from '../feature.js';
import { createFollowUpsSection } from './follow-ups-digest-section.js';
import { createFollowUpsRepository } from './follow-ups-repository.js';
import { createFollowUpsService } from './follow-ups-service.js';
import { followUpsHomeSection, nextRitualsHomeSection } from './home.js';
import { createRitualPosting } from './posting.js';
import { createRitualPostsRepository } from './posts-repository.js';
import { createRitualsRepository } from './repository.js';
import { createRitualsService } from './service.js';
import { runFollowUpsCommand, runRitualsCommand } from './slack/commands.js';
import { registerRitualListeners } from './slack/listeners.js';
import { createRitualPoster } from './slack/poster.js';

/**
 * GTM reviews, monthly syncs and their follow-up actions. The posts are built from every feature's digest sections,
 * read through `deps.contributions` when a post is made.
 */
export function createRitualsFeature(deps: FeatureDeps): Feature {
  const logger = deps.logger.child('rituals');
  const rituals = createRitualsRepository(deps.db);
  const posts = createRitualPostsRepository(deps.db);
  const followUps = createFollowUpsRepository(deps.db);
  const poster = createRitualPoster(deps.slack.notifier, logger);
  const home = deps.homeRefresh;

  const ritualsService = createRitualsService({
    rituals,
    posts,
    isAdmin: (teamId, userId) => deps.settings.isAdmin(teamId, userId),
    teamTimeZone: async (teamId) => (await deps.settings.getSettings(teamId)).timeZone,
    clock: deps.clock,
    home,
  });
  const followUpsService = createFollowUpsService({
    inWorkspace: deps.slack.workspaces.run,
    followUps,
    posts,
    rituals,
    poster,
    clock: deps.clock,
    logger,
    home,
  });
  const sections = () => deps.contributions.digestSections();
  const posting = createRitualPosting({
    rituals,
    posts,
    followUps,
    poster,
    sections,
    logger,
    inWorkspace: deps.slack.workspaces.run,
  });
  const listenerDeps = {
    rituals: ritualsService,
    followUps: followUpsService,
    notifier: deps.slack.notifier,
    inFlight: deps.slack.inFlight,
  };

  return {
    name: 'rituals',
    subcommands: [
      {
        name: 'rituals',
        usage: 'rituals',
        summary:
          'GTM reviews, monthly syncs and custom rituals with their next occurrences; admins add, edit, pause, skip or delete.',
        run: ({ client, request }) => runRitualsCommand(listenerDeps, client, request),
      },
      {
        name: 'followups',
        usage: 'followups',
        summary: 'Your open follow-up actions from ritual posts, with Mark done.',
        run: ({ client, request }) => runFollowUpsCommand(listenerDeps, client, request),
      },
    ],
    register: (app) => registerRitualListeners(app, listenerDeps),
    jobs: [
      // Records due occurrences once, posts them under a lease, retries failures with backoff, catches up after downtime.
      { name: 'ritual-posts', run: (now) => posting.run(now) },
      // DMs owners on their follow-ups' due dates.
      { name: 'follow-up-reminders', run: (now) => followUpsService.sendDueReminders(now) },
    ],
    digestSections: [createFollowUpsSection(followUps)],
    homeSections: [
      nextRitualsHomeSection((teamId, now, limit) => ritualsService.nextOccurrences(teamId, now, limit)),
      followUpsHomeSection((teamId, userId) => followUpsService.openFollowUpsFor(teamId, userId)),
    ],
  };
}
