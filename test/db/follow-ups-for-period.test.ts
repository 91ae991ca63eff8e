import { describe, expect, it } from 'vitest';
import { followUpLines } from '../../src/features/rituals/follow-ups-digest-section.js';
import { createFollowUpsRepository } from '../../src/features/rituals/follow-ups-repository.js';
import { useMigratedDatabase } from '../helpers/migrated-database.js';

const DAY = 24 * 60 * 60_000;

describe("the follow-ups a review's period reads", () => {
  const database = useMigratedDatabase();

  it('gives the review the same lines as reading every follow-up of the team, and reads fewer rows', async () => {
    const db = database();
    const followUps = createFollowUpsRepository(db);
    const start = Date.parse('2026-09-01T10:00:00Z');
    // Sixty actions over three months, one made each 36 hours; two in three done a week after, some on the edges.
    for (let i = 0; i < 60; i++) {
      const created = new Date(start + i * 1.5 * DAY);
      const { followUp } = await followUps.insert(
        {
          teamId: i % 10 === 9 ? 'T2' : 'T1',
          ritualId: null,
          postId: null,
          what: `Action ${i}`,
          ownerId: `U${i % 4}`,
          dueDate: new Date(created.getTime() + 10 * DAY).toISOString().slice(0, 10),
          timeZone: 'UTC',
          createdBy: 'U0',
          sourceViewId: `V${i}`,
        },
        created,
      );
      if (i % 3 !== 0)
        await followUps.markDone(followUp.teamId, followUp.id, 'U1', new Date(created.getTime() + 7 * DAY));
    }
    const periods = [
      { from: new Date('2026-10-01T00:00:00Z'), to: new Date('2026-10-22T00:00:00Z') },
      // From the instant Action 2 was done (counted) to the instant Action 21 was made (still open: not counted).
      { from: new Date(start + 10 * DAY), to: new Date(start + 31.5 * DAY) },
      { from: new Date('2027-01-01T00:00:00Z'), to: new Date('2027-01-22T00:00:00Z') },
    ];
    for (const { from, to } of periods) {
      const period = { teamId: 'T1', from, to, timeZone: 'Europe/Berlin' };
      const read = await followUps.listForPeriod('T1', from, to);
      const all = await followUps.listForTeam('T1');
      expect(followUpLines(read, period)).toEqual(followUpLines(all, period));
      expect(read.length).toBeLessThan(all.length);
    }
    expect(
      followUpLines(await followUps.listForPeriod('T1', periods[0]!.from, periods[0]!.to), {
        ...periods[0]!,
        timeZone: 'UTC',
      }),
    ).toContainEqual(expect.stringContaining('Done since the last review'));
  });
});
