import { describe, expect, it } from 'vitest';
import { createHomeRefresher } from '../../src/features/home/refresher.js';
import type { HomeViewersRepository } from '../../src/features/home/repository.js';

/** A publisher whose publishes finish when the test says, and the tasks the refresher hands to `run`. */
function harness(viewers: string[]) {
  const published: string[] = [];
  const releases: Array<() => void> = [];
  let unfinished = 0;
  const refresher = createHomeRefresher({
    viewers: { list: async () => viewers } as unknown as HomeViewersRepository,
    run: (task) => {
      unfinished++;
      void task().finally(() => unfinished--);
    },
    onError: (error) => {
      throw error;
    },
  });
  refresher.connect(
    (_teamId, userId) =>
      new Promise<void>((resolve) => {
        published.push(userId);
        releases.push(resolve);
      }),
  );
  /** Lets every publish finish, as they come, until nothing is running. */
  const settle = async () => {
    for (let turns = 0; turns < 1000; turns++) {
      for (const release of releases.splice(0)) release();
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (releases.length === 0 && unfinished === 0) return;
    }
    throw new Error('refreshes did not settle');
  };
  return { refresher, published, settle, releases };
}

describe('Home refresher', () => {
  it('publishes each viewer once for a burst of team refreshes asked for while one run is going', async () => {
    const { refresher, published, settle } = harness(['U1', 'U2', 'U3']);
    for (let i = 0; i < 20; i++) refresher.refresh('T1', 'team');
    await settle();
    // The first refresh starts a run; the 19 others join one more run after it: two publishes each, not twenty.
    expect(published.filter((u) => u === 'U1')).toHaveLength(2);
    expect(published.filter((u) => u === 'U3')).toHaveLength(2);
    expect(published).toHaveLength(6);
  });

  it('publishes again a person asked for while their publish was running, so the later change is shown', async () => {
    const { refresher, published, settle, releases } = harness([]);
    refresher.refresh('T1', ['U1']);
    for (let i = 0; i < 10 && releases.length === 0; i++) await new Promise<void>((r) => setImmediate(r));
    expect(published).toEqual(['U1']);
    refresher.refresh('T1', ['U1', 'U2']);
    await settle();
    expect(published).toEqual(['U1', 'U1', 'U2']);
  });

  it("keeps teams apart: one team's long run does not hold another team's refresh", async () => {
    const { refresher, published, releases } = harness([]);
    refresher.refresh('T1', ['U1']);
    refresher.refresh('T2', ['U9']);
    for (let i = 0; i < 10 && releases.length < 2; i++) await new Promise<void>((r) => setImmediate(r));
    // Both publishes are under way at once, neither released yet.
    expect(published.sort()).toEqual(['U1', 'U9']);
  });
});
