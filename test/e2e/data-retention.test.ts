import { describe, expect, it } from 'vitest';
import { activeTeamCondition, isActiveTeam, markTeamReinstalled } from '../../src/db/active-teams.js';
import { createDataRepository } from '../../src/features/data/repository.js';
import { createDataService } from '../../src/features/data/service.js';
import { createLogger } from '../../src/logging/logger.js';
import { BOB_ADMIN, GENERAL, useLoopkeeper } from '../helpers/loopkeeper.js';
import { countTeamRows, OTHER_TEAM, seedInstallation, seedTeamData } from '../helpers/team-data.js';

const start = useLoopkeeper();
const TEAM = 'T0TEST';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const START = new Date('2026-11-23T10:00:00Z');

const zeroes = (counts: Record<string, number>) => Object.fromEntries(Object.keys(counts).map((t) => [t, 0]));

async function uninstalledAt(db: Parameters<typeof isActiveTeam>[0], teamId: string) {
  const row = await db.selectFrom('teams').select('uninstalled_at').where('team_id', '=', teamId).executeTakeFirst();
  return row?.uninstalled_at;
}

async function installationTeams(db: Parameters<typeof isActiveTeam>[0]) {
  const rows = await db.selectFrom('installations').select('team_id').orderBy('team_id').execute();
  return rows.map((r) => r.team_id);
}

describe('uninstall and the retention purge', () => {
  it('records the first uninstall signal, keeps the data for the retention period, then purges this team only', async () => {
    const { double, app, clock } = await start();
    const seeded = await seedTeamData(app.db, TEAM);
    const other = await seedTeamData(app.db, OTHER_TEAM, 'U0OTHER');
    await seedInstallation(app.db, TEAM);
    await seedInstallation(app.db, OTHER_TEAM);
    expect(await isActiveTeam(app.db, TEAM)).toBe(true);

    await double.event({ type: 'app_uninstalled' });
    await app.idle();
    expect(await uninstalledAt(app.db, TEAM)).toBe(START.toISOString());
    expect(await uninstalledAt(app.db, OTHER_TEAM)).toBeNull();

    // Slack also revokes the bot token, and may deliver either event again: the first time counts.
    clock.advance(HOUR);
    await double.event({ type: 'tokens_revoked', tokens: { bot: [double.botUserId] } });
    await double.event({ type: 'app_uninstalled' });
    await app.idle();
    expect(await uninstalledAt(app.db, TEAM)).toBe(START.toISOString());

    // Other jobs skip the team from now on.
    expect(await isActiveTeam(app.db, TEAM)).toBe(false);
    expect(await isActiveTeam(app.db, OTHER_TEAM)).toBe(true);
    expect(await isActiveTeam(app.db, 'T0NEVER')).toBe(true);
    const active = await app.db
      .selectFrom('risks')
      .select('team_id')
      .where(activeTeamCondition('risks.team_id'))
      .execute();
    expect(active).toEqual([{ team_id: OTHER_TEAM }]);

    // Not before the retention period (30 days by default) is over.
    clock.set(new Date(START.getTime() + 30 * DAY - MINUTE));
    await app.tick();
    expect(await countTeamRows(app.db, TEAM)).toEqual(seeded);

    clock.set(new Date(START.getTime() + 30 * DAY + MINUTE));
    await app.tick();
    expect(await countTeamRows(app.db, TEAM)).toEqual(zeroes(seeded));
    expect(await countTeamRows(app.db, OTHER_TEAM)).toEqual(other);
    expect(await installationTeams(app.db)).toEqual([OTHER_TEAM]);

    // The next ticks find nothing due.
    await app.tick();
    expect(await countTeamRows(app.db, OTHER_TEAM)).toEqual(other);
    expect(double.violations).toEqual([]);
  });

  it('ignores a revoked user token; DATA_RETENTION_DAYS sets the period', async () => {
    const { double, app, clock } = await start({ env: { DATA_RETENTION_DAYS: '7' } });
    const seeded = await seedTeamData(app.db, TEAM);
    await double.event({ type: 'tokens_revoked', tokens: { oauth: ['U0ALICE'] } });
    await app.idle();
    expect(await uninstalledAt(app.db, TEAM)).toBeNull();

    await double.event({ type: 'tokens_revoked', tokens: { oauth: ['U0ALICE'], bot: [double.botUserId] } });
    await app.idle();
    expect(await uninstalledAt(app.db, TEAM)).toBe(START.toISOString());
    clock.advance(7 * DAY - MINUTE);
    await app.tick();
    expect(await countTeamRows(app.db, TEAM)).toEqual(seeded);
    clock.advance(2 * MINUTE);
    await app.tick();
    expect(await countTeamRows(app.db, TEAM)).toEqual(zeroes(seeded));
  });

  it('keeps everything of a workspace that installed again', async () => {
    const { double, app, clock } = await start();
    const seeded = await seedTeamData(app.db, TEAM);
    await double.event({ type: 'app_uninstalled' });
    await app.idle();
    expect(await markTeamReinstalled(app.db, TEAM)).toBe(true);
    expect(await markTeamReinstalled(app.db, TEAM)).toBe(false);
    expect(await uninstalledAt(app.db, TEAM)).toBeNull();
    expect(await isActiveTeam(app.db, TEAM)).toBe(true);
    clock.advance(31 * DAY);
    await app.tick();
    expect(await countTeamRows(app.db, TEAM)).toEqual(seeded);
  });

  it('counts a request from the workspace a minute after the uninstall as a reinstall (no install callback)', async () => {
    const { double, app, clock } = await start();
    const seeded = await seedTeamData(app.db, TEAM);
    await double.event({ type: 'app_uninstalled' });
    await app.idle();
    // On its way before the uninstall, perhaps: it changes nothing.
    await double.slashCommand({ command: '/loop', text: 'help', userId: BOB_ADMIN, channelId: GENERAL });
    await app.idle();
    expect(await uninstalledAt(app.db, TEAM)).toBe(START.toISOString());

    clock.advance(2 * MINUTE);
    await double.slashCommand({ command: '/loop', text: 'help', userId: BOB_ADMIN, channelId: GENERAL });
    await app.idle();
    expect(await uninstalledAt(app.db, TEAM)).toBeNull();
    clock.advance(31 * DAY);
    await app.tick();
    expect(await countTeamRows(app.db, TEAM)).toEqual(seeded);
  });

  it('an uninstall of a workspace Loopkeeper never stored anything for leaves only its teams row, purged later', async () => {
    const { double, app, clock } = await start();
    await double.event({ type: 'app_uninstalled' });
    await app.idle();
    expect(await app.db.selectFrom('teams').select(['team_id', 'uninstalled_at', 'time_zone']).execute()).toEqual([
      { team_id: TEAM, uninstalled_at: START.toISOString(), time_zone: null },
    ]);
    clock.advance(31 * DAY);
    await app.tick();
    expect(await app.db.selectFrom('teams').selectAll().execute()).toEqual([]);
  });
});

describe('the purge claim', () => {
  it('purges a team once when two instances try at the same time', async () => {
    const { app } = await start();
    const seeded = await seedTeamData(app.db, TEAM);
    const other = await seedTeamData(app.db, OTHER_TEAM, 'U0OTHER');
    await app.db
      .updateTable('teams')
      .set({ uninstalled_at: START.toISOString() })
      .where('team_id', '=', TEAM)
      .execute();
    const repository = createDataRepository(app.db);
    const cutoff = new Date(START.getTime() + DAY);
    const results = await Promise.all([
      repository.purgeUninstalled(TEAM, cutoff, cutoff),
      repository.purgeUninstalled(TEAM, cutoff, cutoff),
      repository.purgeUninstalled(OTHER_TEAM, cutoff, cutoff),
    ]);
    const claimed = results.filter((r) => r !== undefined);
    expect(claimed).toHaveLength(1);
    const counts = Object.fromEntries(claimed[0]!.map((c) => [c.table, c.rows]));
    expect(counts).toEqual({ ...seeded, installations: 0 });
    expect(await countTeamRows(app.db, TEAM)).toEqual(zeroes(seeded));
    expect(await countTeamRows(app.db, OTHER_TEAM)).toEqual(other);
  });

  it('is not taken while the team has an installation newer than its uninstall (a reinstall on its way)', async () => {
    const { app } = await start();
    const seeded = await seedTeamData(app.db, TEAM);
    await app.db
      .updateTable('teams')
      .set({ uninstalled_at: START.toISOString() })
      .where('team_id', '=', TEAM)
      .execute();
    await seedInstallation(app.db, TEAM, new Date(START.getTime() + HOUR).toISOString());
    const repository = createDataRepository(app.db);
    const cutoff = new Date(START.getTime() + 40 * DAY);
    expect(await repository.purgeUninstalled(TEAM, cutoff, cutoff)).toBeUndefined();
    expect(await countTeamRows(app.db, TEAM)).toEqual(seeded);
    expect(await installationTeams(app.db)).toEqual([TEAM]);
  });
});

describe('uninstall in distributed mode', () => {
  it('deletes the installation through the installation store', async () => {
    const { app } = await start();
    const deleted: unknown[] = [];
    const service = createDataService({
      repository: createDataRepository(app.db),
      isAdmin: async () => false,
      installations: { deleteInstallation: async (query) => void deleted.push(query) },
      clock: () => START,
      retentionDays: 30,
      logger: createLogger({ level: 'error', sink: () => undefined }),
    });
    await service.recordUninstall({ teamId: TEAM, isEnterpriseInstall: false });
    expect(deleted).toEqual([{ teamId: TEAM, enterpriseId: undefined, isEnterpriseInstall: false }]);
    expect(await uninstalledAt(app.db, TEAM)).toBe(START.toISOString());
  });
});
