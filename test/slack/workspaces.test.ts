import { webApi } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { distributedWorkspaces, singleWorkspace, WorkspaceNotInstalledError } from '../../src/slack/workspaces.js';
import { SlackDouble } from '../../src/slack-double/index.js';

describe('workspaces', () => {
  it('single-workspace mode: the one client, in or out of scope', async () => {
    const client = new webApi.WebClient('xoxb-1');
    const workspaces = singleWorkspace(client);
    expect(await workspaces.client()).toBe(client);
    expect(await workspaces.run('T1', async () => workspaces.client())).toBe(client);
    expect(workspaces.scopedClient).toBe(client);
  });

  it("distributed mode: each call goes out with the token of the workspace in scope; the scoped client's methods too", async () => {
    const double = await SlackDouble.start();
    try {
      const tokens: Record<string, string> = { T0TEST: double.botToken };
      const made: string[] = [];
      const workspaces = distributedWorkspaces(
        async (teamId) => {
          const token = tokens[teamId];
          if (!token) throw new WorkspaceNotInstalledError(teamId);
          return token;
        },
        (token) => {
          made.push(token);
          return new webApi.WebClient(token, { slackApiUrl: double.apiUrl });
        },
      );
      const auth = await workspaces.run('T0TEST', () => workspaces.scopedClient.auth.test());
      expect(auth?.team_id).toBe(double.teamId);
      await workspaces.run('T0TEST', () => workspaces.scopedClient.auth.test());
      expect(made).toEqual([double.botToken]);
      // Outside any workspace a call is a programming error, said plainly.
      await expect(workspaces.scopedClient.auth.test()).rejects.toThrow(/outside any workspace/);
      // A workspace without an installation: the work is skipped, not attempted.
      let ran = false;
      expect(
        await workspaces.run('T0GONE', async () => {
          ran = true;
        }),
      ).toBeUndefined();
      expect(ran).toBe(false);
      // Awaiting the stand-in itself is not a call.
      expect(await Promise.resolve(workspaces.scopedClient).then(() => 'resolved')).toBe('resolved');
    } finally {
      await double.stop();
    }
  });
});
