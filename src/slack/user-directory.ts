import type { webApi } from '@slack/bolt';
import type { UserDirectory } from '../services/ports.js';

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
