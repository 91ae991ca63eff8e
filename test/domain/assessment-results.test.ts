import { describe, expect, it } from 'vitest';
import { compareResultOrder, latestBefore, resultName } from '../../src/features/assessment/domain/index.js';

const at = (iso: string) => new Date(iso);
const single = (id: number, iso: string) => ({ kind: 'assessment' as const, id, at: at(iso) });
const round = (id: number, iso: string) => ({ kind: 'round' as const, id, at: at(iso) });

describe("the order of a team's results", () => {
  it.each([
    ['earlier time first, whatever the kind', round(9, '2026-11-01T00:00:00Z'), single(1, '2026-11-02T00:00:00Z'), -1],
    ['same time, same kind: id order', single(2, '2026-11-01T00:00:00Z'), single(3, '2026-11-01T00:00:00Z'), -1],
    ['same time: a single before a round', round(1, '2026-11-01T00:00:00Z'), single(7, '2026-11-01T00:00:00Z'), 1],
    ['the same result', round(4, '2026-11-01T00:00:00Z'), round(4, '2026-11-01T00:00:00Z'), 0],
  ])('%s', (_name, a, b, sign) => {
    expect(Math.sign(compareResultOrder(a, b))).toBe(sign);
  });

  it('finds the latest result strictly before a given one, of any kind', () => {
    const candidates = [
      single(1, '2026-11-01T00:00:00Z'),
      round(1, '2026-11-03T00:00:00Z'),
      round(2, '2026-11-05T00:00:00Z'),
      single(2, '2026-11-05T00:00:00Z'),
    ];
    expect(latestBefore(candidates, single(3, '2026-11-04T00:00:00Z'))).toEqual(round(1, '2026-11-03T00:00:00Z'));
    // At the same instant the single comes first, so it is before the round and the round is not before it.
    expect(latestBefore(candidates, round(2, '2026-11-05T00:00:00Z'))).toEqual(single(2, '2026-11-05T00:00:00Z'));
    expect(latestBefore(candidates, single(2, '2026-11-05T00:00:00Z'))).toEqual(round(1, '2026-11-03T00:00:00Z'));
    expect(latestBefore(candidates, single(1, '2026-11-01T00:00:00Z'))).toBeUndefined();
    expect(latestBefore([], single(1, '2026-11-01T00:00:00Z'))).toBeUndefined();
  });

  it('names results as people read them', () => {
    expect(resultName({ kind: 'round', id: 2 })).toBe('Round #2');
    expect(resultName({ kind: 'assessment', id: 5 })).toBe('Assessment #5');
  });
});
