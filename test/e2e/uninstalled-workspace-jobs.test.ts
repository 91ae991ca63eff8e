import { describe, expect, it } from 'vitest';
import { markTeamReinstalled, markTeamUninstalled } from '../../src/db/active-teams.js';
import { GENERAL, useLoopkeeper } from '../helpers/loopkeeper.js';
import { addRitual, GTM_REVIEW_VALUES, topLevelPosts } from '../helpers/rituals-journey.js';

const start = useLoopkeeper();
// 2026-11-24 10:00 in Rome (CET) is 09:00 UTC.
const FIRST = new Date('2026-11-24T09:00:00Z');

describe('a workspace that uninstalled Loopkeeper', () => {
  it('gets no scheduled posts while uninstalled; once it installs again, what is due is posted', async () => {
    const { double, app, clock } = await start({ start: new Date('2026-11-24T08:00:00Z') });
    await addRitual(double, app, { ...GTM_REVIEW_VALUES, 'ritual_channel/value': GENERAL });
    const before = topLevelPosts(double).length;
    await markTeamUninstalled(app.db, 'T0TEST', clock.now());
    clock.set(FIRST);
    await app.tick();
    await app.idle();
    expect(topLevelPosts(double)).toHaveLength(before);
    expect(await app.db.selectFrom('ritual_posts').selectAll().execute()).toEqual([]);

    expect(await markTeamReinstalled(app.db, 'T0TEST')).toBe(true);
    await app.tick();
    await app.idle();
    const posted = await app.db
      .selectFrom('ritual_posts')
      .select(['kind', 'status'])
      .where('kind', '=', 'post')
      .execute();
    expect(posted).toEqual([{ kind: 'post', status: 'posted' }]);
    expect(topLevelPosts(double).length).toBeGreaterThan(before);
    expect(double.violations).toEqual([]);
  });
});
