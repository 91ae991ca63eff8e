import { describe, expect, it } from 'vitest';
import { count, noun } from '../../src/domain/text/plural.js';
import { formatElapsed } from '../../src/domain/time/elapsed.js';

describe('count and noun', () => {
  it.each([
    [0, 'deal', undefined, '0 deals'],
    [1, 'deal', undefined, '1 deal'],
    [2, 'deal', undefined, '2 deals'],
    [1, 'person', 'people', '1 person'],
    [5, 'person', 'people', '5 people'],
    [1, 'open follow-up action', undefined, '1 open follow-up action'],
  ])('count(%d, %j)', (n, singular, pluralForm, expected) => {
    expect(count(n, singular, pluralForm)).toBe(expected);
  });

  it('noun is singular for exactly one only', () => {
    expect(noun(1, 'source')).toBe('source');
    expect(noun(1.5, 'source')).toBe('sources');
    expect(noun(-1, 'source')).toBe('sources');
  });
});

describe('formatElapsed', () => {
  const m = 60_000;
  it.each([
    [0, 'under a minute'],
    [59_999, 'under a minute'],
    [m, '1 minute'],
    [42 * m, '42 minutes'],
    [60 * m, '1 hour'],
    [61 * m, '1 hour 1 minute'],
    [130 * m, '2 hours 10 minutes'],
    [24 * 60 * m, '1 day'],
    [27 * 60 * m, '1 day 3 hours'],
    [50 * 60 * m, '2 days'],
    [Number.NaN, 'under a minute'],
  ])('%d ms -> %j', (ms, expected) => {
    expect(formatElapsed(ms)).toBe(expected);
  });
});
