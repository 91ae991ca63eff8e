import { AsyncLocalStorage } from 'node:async_hooks';
import type { webApi } from '@slack/bolt';

type WebClient = webApi.WebClient;

/** A workspace that has no installation (never installed, or uninstalled): its work is skipped, not retried. */
export class WorkspaceNotInstalledError extends Error {
  override name = 'WorkspaceNotInstalledError';
  constructor(readonly teamId: string) {
    super(`Loopkeeper is not installed in the Slack workspace ${teamId}`);
  }
}

/**
 * Which Slack workspace the running work belongs to. A listener runs in the workspace of its request; a job runs
 * each row in the row's workspace. Every Web API call made inside uses that workspace's bot token.
 */
export interface Workspaces {
  /**
   * Runs `work` as work of `teamId`. In distributed mode a workspace without an installation is skipped (`work` does
   * not run; undefined is returned), so a job never retries an uninstalled workspace's rows against Slack.
   */
  run<T>(teamId: string, work: () => Promise<T>): Promise<T | undefined>;
  /** The client for the workspace in scope; the one workspace's client in single-workspace mode. */
  client(): Promise<WebClient>;
  /** A client that looks like one WebClient but sends every call with the token of the workspace in scope. */
  readonly scopedClient: WebClient;
}

const scope = new AsyncLocalStorage<{ teamId: string }>();

/** The workspace whose work is running, if any (the pacer keeps each workspace's limits apart). */
export const currentTeamId = (): string | undefined => scope.getStore()?.teamId;

/** Single-workspace mode: one token from the environment, whatever the team id. */
export function singleWorkspace(client: WebClient): Workspaces {
  return {
    run: (teamId, work) => scope.run({ teamId }, work),
    client: async () => client,
    scopedClient: client,
  };
}

/**
 * Distributed mode: `tokenFor` answers a workspace's bot token (Bolt's InstallProvider, which also refreshes rotating
 * tokens before they expire) or throws WorkspaceNotInstalledError. Clients are kept per token.
 */
export function distributedWorkspaces(
  tokenFor: (teamId: string) => Promise<string>,
  newClient: (token: string) => WebClient,
): Workspaces {
  const clients = new Map<string, WebClient>();
  async function clientFor(teamId: string): Promise<WebClient> {
    const token = await tokenFor(teamId);
    let client = clients.get(token);
    if (!client) {
      // A rotated token replaces the old client; old ones are dropped rather than kept forever.
      if (clients.size > 1000) clients.clear();
      client = newClient(token);
      clients.set(token, client);
    }
    return client;
  }
  async function client(): Promise<WebClient> {
    const teamId = scope.getStore()?.teamId;
    if (!teamId) throw new Error('A Slack call was made outside any workspace: run it inside workspaces.run(teamId)');
    return clientFor(teamId);
  }
  return {
    async run(teamId, work) {
      try {
        await clientFor(teamId);
      } catch (error) {
        if (error instanceof WorkspaceNotInstalledError) return undefined;
        throw error;
      }
      return scope.run({ teamId }, work);
    },
    client,
    scopedClient: deferredClient(client),
  };
}

/**
 * A WebClient stand-in whose method calls (`chat.postMessage(...)`, `filesUploadV2(...)`) first resolve the real
 * client, then call the same method on it. Web API methods all return promises, so callers cannot tell the difference.
 */
function deferredClient(resolve: () => Promise<WebClient>): WebClient {
  const at = (path: string[]): unknown =>
    new Proxy(() => undefined, {
      get: (_target, key) => (typeof key === 'string' && key !== 'then' ? at([...path, key]) : undefined),
      apply: async (_target, _this, args: unknown[]) => {
        // biome-ignore lint/suspicious/noExplicitAny: walking the client's own members by name.
        let owner: any;
        // biome-ignore lint/suspicious/noExplicitAny: as above.
        let member: any = await resolve();
        for (const key of path) {
          owner = member;
          member = member?.[key];
        }
        if (typeof member !== 'function') throw new TypeError(`WebClient has no method ${path.join('.')}`);
        return member.apply(owner, args);
      },
    });
  return at([]) as WebClient;
}
