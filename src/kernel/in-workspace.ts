/**
 * Runs a row's work as work of its Slack workspace, so its Slack calls use that workspace's token; a workspace
 * whose installation is gone is skipped (undefined). Bootstrap passes `workspaces.run`; alone, work just runs.
 */
export type InWorkspace = <T>(teamId: string, work: () => Promise<T>) => Promise<T | undefined>;

export const anyWorkspace: InWorkspace = (_teamId, work) => work();
