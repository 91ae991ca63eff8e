import { describe, expect, it } from 'vitest';
import { batchHomeRefreshes, type HomeRefresher } from '../../src/kernel/home-refresh.js';

function recording() {
  const asked: Array<[string, string[] | 'team']> = [];
  const target: HomeRefresher = { refresh: (teamId, users) => void asked.push([teamId, users]) };
  return { asked, batch: batchHomeRefreshes(target) };
}

describe('a batch of Home refreshes', () => {
  it('asks for nothing until flushed, then once per team with each person once', () => {
    const { asked, batch } = recording();
    batch.refresh('T1', ['U1', 'U2']);
    batch.refresh('T2', ['U9']);
    batch.refresh('T1', ['U2', 'U3']);
    expect(asked).toEqual([]);
    batch.flush();
    expect(asked).toEqual([
      ['T1', ['U1', 'U2', 'U3']],
      ['T2', ['U9']],
    ]);
    batch.flush();
    expect(asked).toHaveLength(2);
  });

  it('keeps a whole-team refresh whole, whatever people are asked for around it, and skips an empty list', () => {
    const { asked, batch } = recording();
    batch.refresh('T1', ['U1']);
    batch.refresh('T1', 'team');
    batch.refresh('T1', ['U2']);
    batch.refresh('T2', []);
    batch.flush();
    expect(asked).toEqual([['T1', 'team']]);
  });
});
