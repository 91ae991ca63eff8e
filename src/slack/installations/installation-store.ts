import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { Db } from '../../db/open-database.js';
import type { Clock } from '../../kernel/clock.js';
import type { TokenCipher } from './token-cipher.js';

/** Thrown when a workspace has no installation (never installed, or uninstalled). */
export class NoInstallationError extends Error {
  override name = 'NoInstallationError';
}

export interface LoopkeeperInstallationStore extends InstallationStore {
  /** Workspaces (team ids) with a workspace-level installation. */
  installedTeams(): Promise<string[]>;
}

const keyOf = (installation: Installation) =>
  installation.isEnterpriseInstall && installation.enterprise
    ? `E:${installation.enterprise.id}`
    : `T:${installation.team?.id ?? ''}`;

/**
 * Bolt's installation store, on our database. The installation Slack returned is kept whole (Bolt asks for as much
 * of it as possible back), sealed with the token cipher; one sealed under a retired key is re-sealed when read.
 * An org-wide install serves every workspace of its Enterprise Grid org.
 */
export function createInstallationStore(db: Db, cipher: TokenCipher, clock: Clock): LoopkeeperInstallationStore {
  async function rowFor(query: InstallationQuery<boolean>) {
    const keys: string[] = [];
    if (query.isEnterpriseInstall && query.enterpriseId) keys.push(`E:${query.enterpriseId}`);
    if (query.teamId) keys.push(`T:${query.teamId}`);
    if (query.enterpriseId) keys.push(`E:${query.enterpriseId}`);
    for (const key of keys) {
      const row = await db
        .selectFrom('installations')
        .selectAll()
        .where('installation_key', '=', key)
        .executeTakeFirst();
      if (row) return row;
    }
    return undefined;
  }

  return {
    async storeInstallation(installation) {
      const now = clock().toISOString();
      const key = keyOf(installation as Installation);
      if (key === 'T:')
        throw new Error('An installation with neither a team nor an org-wide enterprise cannot be stored');
      const values = {
        team_id: installation.team?.id ?? null,
        enterprise_id: installation.enterprise?.id ?? null,
        is_enterprise_install: installation.isEnterpriseInstall ? 1 : 0,
        app_id: installation.appId ?? null,
        bot_user_id: installation.bot?.userId ?? null,
        installer_user_id: installation.user.id,
        sealed_installation: cipher.seal(JSON.stringify(installation)),
        bot_token_expires_at: installation.bot?.expiresAt
          ? new Date(installation.bot.expiresAt * 1000).toISOString()
          : null,
        updated_at: now,
      };
      await db
        .insertInto('installations')
        .values({ installation_key: key, installed_at: now, ...values })
        .onConflict((oc) => oc.column('installation_key').doUpdateSet(values))
        .execute();
    },

    async fetchInstallation(query) {
      const row = await rowFor(query);
      if (!row) {
        throw new NoInstallationError(
          `Loopkeeper is not installed in ${query.teamId ? `workspace ${query.teamId}` : `org ${query.enterpriseId}`}`,
        );
      }
      const installation = JSON.parse(cipher.open(row.sealed_installation)) as Installation;
      if (!cipher.isCurrent(row.sealed_installation)) {
        await db
          .updateTable('installations')
          .set({ sealed_installation: cipher.seal(JSON.stringify(installation)) })
          .where('installation_key', '=', row.installation_key)
          .where('sealed_installation', '=', row.sealed_installation)
          .execute();
      }
      return installation;
    },

    async deleteInstallation(query) {
      const keys = [
        ...(query.teamId ? [`T:${query.teamId}`] : []),
        ...(query.isEnterpriseInstall && query.enterpriseId ? [`E:${query.enterpriseId}`] : []),
      ];
      if (keys.length > 0) await db.deleteFrom('installations').where('installation_key', 'in', keys).execute();
    },

    async installedTeams() {
      const rows = await db
        .selectFrom('installations')
        .select('team_id')
        .where('is_enterprise_install', '=', 0)
        .orderBy('team_id')
        .execute();
      return rows.flatMap((r) => (r.team_id ? [r.team_id] : []));
    },
  };
}
