import type { ConnectableHomeRefresher } from '../../kernel/home-refresh.js';
import { anyWorkspace, type InWorkspace } from '../../kernel/in-workspace.js';
import type { HomeViewersRepository } from './repository.js';

/** A team refresh reaches at most this many recent viewers, so one change can't fan out without bound. */
export const TEAM_REFRESH_LIMIT = 500;

/**
 * The HomeRefresher other features call when their data changes. Publishing runs in the background (after the
 * caller's ack) through `run`; the publisher is connected once the Slack side exists, and until then refreshes are
 * skipped (Home is rebuilt when opened anyway).
 */
export function createHomeRefresher(deps: {
  viewers: HomeViewersRepository;
  run: (task: () => Promise<unknown>) => void;
  onError: (error: unknown, userId: string) => void;
  /** Publishes as the team's workspace: a refresh may be asked for from another team's work. */
  inWorkspace?: InWorkspace;
}): ConnectableHomeRefresher {
  const inWorkspace = deps.inWorkspace ?? anyWorkspace;
  let publish: Parameters<ConnectableHomeRefresher['connect']>[0] | undefined;
  return {
    connect(publisher) {
      publish = publisher;
    },
    refresh(teamId, userIds) {
      const publisher = publish;
      if (!publisher) return;
      deps.run(() =>
        inWorkspace(teamId, async () => {
          const users =
            userIds === 'team' ? await deps.viewers.list(teamId, TEAM_REFRESH_LIMIT) : [...new Set(userIds)];
          for (const userId of users) {
            // One person's failed publish must not keep the others' Home stale.
            try {
              await publisher(teamId, userId);
            } catch (error) {
              deps.onError(error, userId);
            }
          }
        }),
      );
    },
  };
}
