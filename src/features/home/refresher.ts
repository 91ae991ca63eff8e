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
  // Per team, who still needs a new Home, and whether a run is draining that list. Refreshes asked for while a run
  // is going join its list instead of starting another, so a burst of changes (20 submissions at once) publishes
  // each person's Home about once, not once per change.
  const pending = new Map<string, { team: boolean; users: Set<string> }>();
  const running = new Set<string>();

  const drain = (teamId: string, publisher: NonNullable<typeof publish>) =>
    inWorkspace(teamId, async () => {
      for (;;) {
        const next = pending.get(teamId);
        if (!next) return;
        pending.delete(teamId);
        let users = next.users;
        if (next.team) {
          try {
            users = new Set([...(await deps.viewers.list(teamId, TEAM_REFRESH_LIMIT)), ...next.users]);
          } catch (error) {
            // The viewers could not be read: those asked for by name still get their Home.
            deps.onError(error, '*');
          }
        }
        for (const userId of users) {
          // A person asked for again while this run is going gets a later publish, from newer data.
          if (pending.get(teamId)?.users.has(userId)) continue;
          // Between two people, acks and other work waiting on the event loop go first.
          await new Promise<void>((resolve) => setImmediate(resolve));
          // One person's failed publish must not keep the others' Home stale.
          try {
            await publisher(teamId, userId);
          } catch (error) {
            deps.onError(error, userId);
          }
        }
      }
    });

  const start = (teamId: string, publisher: NonNullable<typeof publish>) => {
    running.add(teamId);
    deps.run(() =>
      drain(teamId, publisher).finally(() => {
        running.delete(teamId);
        // Asked for between the run's last look at the list and its end: run again.
        if (pending.has(teamId)) start(teamId, publisher);
      }),
    );
  };

  return {
    connect(publisher) {
      publish = publisher;
    },
    refresh(teamId, userIds) {
      const publisher = publish;
      if (!publisher) return;
      const entry = pending.get(teamId) ?? { team: false, users: new Set<string>() };
      if (userIds === 'team') entry.team = true;
      else for (const userId of userIds) entry.users.add(userId);
      pending.set(teamId, entry);
      if (!running.has(teamId)) start(teamId, publisher);
    },
  };
}
