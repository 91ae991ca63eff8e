/**
 * App Home is published per user and must refresh when the data behind it changes for that user. Features
 * that change such data (an assessment, a follow-up, an MQA item, a risk) call this port; the App Home
 * feature implements it. The default does nothing, so features work before App Home wires it.
 */
export interface HomeRefresher {
  /** Re-publish the Home of these users (deduplicated); 'team' means everyone who has opened it. */
  refresh(teamId: string, userIds: string[] | 'team'): void;
}

export const noHomeRefresh: HomeRefresher = { refresh: () => {} };

/** Publishes one user's Home (built and sent at the Slack edge). */
export type HomePublisher = (teamId: string, userId: string) => Promise<void>;

/** The refresher bootstrap makes before the features; App Home connects its publisher once it is built. */
export interface ConnectableHomeRefresher extends HomeRefresher {
  connect(publisher: HomePublisher): void;
}

/**
 * Holds refreshes until `flush`, then asks `target` once per team: a job that changes many items in a row (the
 * MQA catch-up stalls hundreds) refreshes each person's Home once at its end, instead of once per item while the
 * job still waits behind those publishes on the one thread.
 */
export function batchHomeRefreshes(target: HomeRefresher): HomeRefresher & { flush(): void } {
  const held = new Map<string, Set<string> | 'team'>();
  return {
    refresh(teamId, userIds) {
      const current = held.get(teamId);
      if (current === 'team') return;
      if (userIds === 'team') {
        held.set(teamId, 'team');
        return;
      }
      const users = current ?? new Set<string>();
      for (const userId of userIds) users.add(userId);
      held.set(teamId, users);
    },
    flush() {
      for (const [teamId, users] of held) {
        if (users === 'team' || users.size > 0) target.refresh(teamId, users === 'team' ? 'team' : [...users]);
      }
      held.clear();
    },
  };
}
