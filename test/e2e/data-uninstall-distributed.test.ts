import { describe, expect, it } from 'vitest';
import type { Loopkeeper } from '../../src/bootstrap.js';
import { isActiveTeam } from '../../src/db/active-teams.js';
import { useDistributedLoopkeeper } from '../helpers/distributed.js';
import { countTeamRows, seedTeamData } from '../helpers/team-data.js';

const startDistributed = useDistributedLoopkeeper();

const START = new Date('2026-11-23T10:00:00Z');
const DAY = 86_400_000;

/** Loopkeeper in distributed mode, installed into two workspaces of the double. */
async function startInstalledInTwo() {
  const started = await startDistributed({ start: START });
  await started.installBoth();
  return started;
}

const installedTeams = async (app: Loopkeeper) =>
  (await app.db.selectFrom('installations').select('team_id').orderBy('team_id').execute()).map((r) => r.team_id);

describe('uninstall in distributed mode', () => {
  it("deletes the workspace's installation at once, keeps its data for the retention period, then purges it", async () => {
    const { double, app, clock } = await startInstalledInTwo();
    const acme = await seedTeamData(app.db, 'T0ACME', 'U0ANNA');
    const globex = await seedTeamData(app.db, 'T0GLOBEX', 'U0GUS');
    expect(await installedTeams(app)).toEqual(['T0ACME', 'T0GLOBEX']);

    // Slack revokes the tokens, then sends tokens_revoked and app_uninstalled.
    await double.uninstall('T0ACME');
    await app.idle();
    expect(await installedTeams(app)).toEqual(['T0GLOBEX']);
    expect(await isActiveTeam(app.db, 'T0ACME')).toBe(false);
    expect(await isActiveTeam(app.db, 'T0GLOBEX')).toBe(true);
    expect(await countTeamRows(app.db, 'T0ACME')).toEqual(acme);

    clock.set(new Date(START.getTime() + 30 * DAY + 60_000));
    await app.tick();
    expect(Object.values(await countTeamRows(app.db, 'T0ACME')).every((n) => n === 0)).toBe(true);
    expect(await countTeamRows(app.db, 'T0GLOBEX')).toEqual(globex);
    expect(await installedTeams(app)).toEqual(['T0GLOBEX']);
  });
});
