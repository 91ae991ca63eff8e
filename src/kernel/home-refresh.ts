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
