import { describe, expect, it } from 'vitest';
import { createTeamsRepository } from '../../src/features/settings/repository.js';
import { useMigratedDatabase } from '../helpers/migrated-database.js';

describe('team settings in the database', () => {
  const db = useMigratedDatabase();
  const repository = () => createTeamsRepository(db(), { timeZone: 'Europe/Berlin' });

  it('reads a team never set up as the defaults, with no admins', async () => {
    expect(await repository().getSettings('T0NEVER')).toEqual({
      teamId: 'T0NEVER',
      segment: null,
      assessmentsChannelId: null,
      timeZone: 'Europe/Berlin',
      admins: [],
    });
  });

  it('reads the team with its admins in the order they were added, those added together by user id', async () => {
    const teams = repository();
    const update = { segment: 'plg_sales_assist', assessmentsChannelId: 'C1', timeZone: 'America/New_York' };
    await teams.saveSettings('T1', { ...update, admins: ['U3', 'U1', 'U2'] }, 'U1', new Date('2026-12-01T09:00:00Z'));
    await teams.saveSettings(
      'T1',
      { ...update, admins: ['U3', 'U1', 'U2', 'U0'] },
      'U1',
      new Date('2026-12-02T09:00:00Z'),
    );
    expect(await teams.getSettings('T1')).toEqual({ teamId: 'T1', ...update, admins: ['U1', 'U2', 'U3', 'U0'] });

    await teams.saveSettings('T1', { ...update, admins: [] }, 'U1', new Date('2026-12-03T09:00:00Z'));
    expect((await teams.getSettings('T1')).admins).toEqual([]);
  });
});
