import { randomBytes } from 'node:crypto';
import type { Installation } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/db/migrate.js';
import { type Db, openDatabase } from '../../src/db/open-database.js';
import { createInstallationStore, NoInstallationError } from '../../src/slack/installations/installation-store.js';
import { createTokenCipher } from '../../src/slack/installations/token-cipher.js';
import { type TestDatabase, testDatabase } from '../helpers/test-database.js';

const opened: Array<{ db: Db; database: TestDatabase }> = [];
afterEach(async () => {
  for (const { db, database } of opened.splice(0)) {
    await db.destroy();
    await database.dispose();
  }
});

async function database() {
  const created = await testDatabase();
  const db = await openDatabase(created.url);
  await migrateToLatest(db);
  opened.push({ db, database: created });
  return db;
}

const clock = () => new Date('2026-12-02T10:00:00Z');
const workspace = (teamId: string, token: string): Installation<'v2', false> => ({
  team: { id: teamId, name: `Team ${teamId}` },
  enterprise: undefined,
  user: { id: 'U0INSTALLER', token: undefined, scopes: undefined },
  bot: {
    token,
    scopes: ['chat:write', 'commands'],
    id: 'B01',
    userId: 'U0BOT',
    refreshToken: 'xoxe-1-r',
    expiresAt: 1_800_000_000,
  },
  appId: 'A0LOOP',
  tokenType: 'bot',
  isEnterpriseInstall: false,
  authVersion: 'v2',
});

describe('the installation store', () => {
  it('gives back what was stored, per workspace, with the tokens sealed in the database', async () => {
    const db = await database();
    const store = createInstallationStore(db, createTokenCipher(randomBytes(32)), clock);
    await store.storeInstallation(workspace('T0ONE', 'xoxb-one'));
    await store.storeInstallation(workspace('T0TWO', 'xoxb-two'));
    const one = await store.fetchInstallation({ teamId: 'T0ONE', enterpriseId: undefined, isEnterpriseInstall: false });
    expect(one).toEqual(workspace('T0ONE', 'xoxb-one'));
    expect(
      (await store.fetchInstallation({ teamId: 'T0TWO', isEnterpriseInstall: false, enterpriseId: undefined })).bot
        ?.token,
    ).toBe('xoxb-two');
    const rows = await db.selectFrom('installations').selectAll().orderBy('installation_key').execute();
    expect(rows.map((r) => [r.installation_key, r.team_id, r.bot_token_expires_at])).toEqual([
      ['T:T0ONE', 'T0ONE', new Date(1_800_000_000_000).toISOString()],
      ['T:T0TWO', 'T0TWO', new Date(1_800_000_000_000).toISOString()],
    ]);
    expect(JSON.stringify(rows)).not.toMatch(/xoxb-|xoxe-/);
    expect(await store.installedTeams()).toEqual(['T0ONE', 'T0TWO']);
  });

  it('a reinstall replaces the tokens; an uninstalled workspace is refused with NoInstallationError', async () => {
    const db = await database();
    const store = createInstallationStore(db, createTokenCipher(randomBytes(32)), clock);
    await store.storeInstallation(workspace('T0ONE', 'xoxb-first'));
    await store.storeInstallation(workspace('T0ONE', 'xoxb-second'));
    const query = { teamId: 'T0ONE', enterpriseId: undefined, isEnterpriseInstall: false };
    expect((await store.fetchInstallation(query)).bot?.token).toBe('xoxb-second');
    await store.deleteInstallation!(query);
    await expect(store.fetchInstallation(query)).rejects.toBeInstanceOf(NoInstallationError);
    expect(await store.installedTeams()).toEqual([]);
  });

  it('an org-wide install serves every workspace of its org', async () => {
    const db = await database();
    const store = createInstallationStore(db, createTokenCipher(randomBytes(32)), clock);
    await store.storeInstallation({
      team: undefined,
      enterprise: { id: 'E0ORG', name: 'Org' },
      user: { id: 'U0ADMIN', token: undefined, scopes: undefined },
      bot: { token: 'xoxb-org', scopes: ['chat:write'], id: 'B01', userId: 'U0BOT' },
      isEnterpriseInstall: true,
      authVersion: 'v2',
    } as Installation<'v2', true>);
    const found = await store.fetchInstallation({
      teamId: 'T0INORG',
      enterpriseId: 'E0ORG',
      isEnterpriseInstall: false,
    });
    expect(found.bot?.token).toBe('xoxb-org');
  });

  it('after a key rotation, reads with the previous key and re-seals under the new one', async () => {
    const db = await database();
    const old = randomBytes(32);
    await createInstallationStore(db, createTokenCipher(old), clock).storeInstallation(workspace('T0ONE', 'xoxb-one'));
    const fresh = randomBytes(32);
    const rotated = createInstallationStore(db, createTokenCipher(fresh, [old]), clock);
    const query = { teamId: 'T0ONE', enterpriseId: undefined, isEnterpriseInstall: false };
    expect((await rotated.fetchInstallation(query)).bot?.token).toBe('xoxb-one');
    // Re-sealed: the old key is no longer needed.
    const onlyNew = createInstallationStore(db, createTokenCipher(fresh), clock);
    expect((await onlyNew.fetchInstallation(query)).bot?.token).toBe('xoxb-one');
  });
});
