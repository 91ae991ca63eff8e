import { describe, expect, it } from 'vitest';
import { BANDS, band, bandFor } from '../../src/features/assessment/domain/index.js';
import { seedBands } from './seed-tables.js';

describe('bandFor on the rounded overall', () => {
  it.each([
    [1.0, 'critical'],
    [1.9, 'critical'],
    [2.0, 'developing'],
    [2.9, 'developing'],
    [3.0, 'competent'],
    [3.9, 'competent'],
    [4.0, 'advanced'],
    [4.5, 'advanced'],
    [4.6, 'best_in_class'],
    [5.0, 'best_in_class'],
  ] as const)('%s -> %s', (overall, key) => {
    expect(bandFor(overall).key).toBe(key);
  });

  it('is not fooled by floating noise on the one-decimal grid', () => {
    expect(bandFor(0.1 + 1.8).key).toBe('critical'); // 1.9000000000000001
    expect(bandFor(0.2 + 3.7).key).toBe('competent'); // 3.9000000000000004
    expect(bandFor(0.2 + 4.4).key).toBe('best_in_class'); // 4.6000000000000005
  });

  it.each([0.9, 5.1, 0, -1, Number.NaN, Number.POSITIVE_INFINITY])('rejects %s', (overall) => {
    expect(() => bandFor(overall)).toThrow(RangeError);
  });

  it('rejects an unrounded overall instead of guessing', () => {
    expect(() => bandFor(4.55)).toThrow(RangeError);
  });

  it('looks a band up by key', () => {
    expect(band('best_in_class').name).toBe('Best-in-class');
  });
});

describe('band texts are verbatim from the seed', () => {
  const seed = seedBands();

  it('has the five bands with their ranges', () => {
    expect(seed.map((s) => s.range)).toEqual(BANDS.map((b) => `${b.min.toFixed(1)} - ${b.max.toFixed(1)}`));
    expect(BANDS.map((b) => b.key)).toEqual(['critical', 'developing', 'competent', 'advanced', 'best_in_class']);
  });

  it.each(BANDS.map((b, i) => [b.key, i] as const))('%s', (_key, i) => {
    const b = BANDS[i]!;
    const s = seed[i]!;
    expect({ name: b.name, interpretation: b.interpretation, nextStep: b.nextStep }).toEqual({
      name: s.name,
      interpretation: s.interpretation,
      nextStep: s.nextStep,
    });
  });
});
