import type { webApi } from '@slack/bolt';
import type { UserDirectory } from '../kernel/post-result.js';

const TTL_MS = 60_000;

/** Workspace roles from users.info, cached briefly: a settings click shouldn't cost a Web API round trip each time. */
export function createSlackUserDirectory(client: webApi.WebClient, now: () => number = Date.now): UserDirectory {
  const cache = new Map<string, { admin: boolean; at: number }>();
  return {
    async isWorkspaceAdmin(userId) {
      const hit = cache.get(userId);
      if (hit && now() - hit.at < TTL_MS) return hit.admin;
      const { user } = await client.users.info({ user: userId });
      const admin = Boolean(user?.is_admin || user?.is_owner || user?.is_primary_owner);
      cache.set(userId, { admin, at: now() });
      return admin;
    },
  };
}

/** Who a mentioned id is, as far as a round invitation goes. */
export type MentionedUser = 'person' | 'not_found' | 'deactivated' | 'app';

/**
 * Looks each id up with users.info: a mention Slack didn't link for us (typed by hand, pasted from another workspace)
 * may name nobody. Other Slack errors are thrown: better to say "try again" than to guess.
 */
export async function lookUpMentionedUsers(
  client: webApi.WebClient,
  userIds: readonly string[],
): Promise<Map<string, MentionedUser>> {
  const unique = [...new Set(userIds)];
  const found = await Promise.all(
    unique.map(async (userId): Promise<MentionedUser> => {
      try {
        const { user } = await client.users.info({ user: userId });
        if (user?.deleted) return 'deactivated';
        if (user?.is_bot || user?.is_app_user) return 'app';
        return 'person';
      } catch (error) {
        if ((error as { data?: { error?: unknown } }).data?.error === 'user_not_found') return 'not_found';
        throw error;
      }
    }),
  );
  return new Map(unique.map((userId, i) => [userId, found[i]!]));
}
