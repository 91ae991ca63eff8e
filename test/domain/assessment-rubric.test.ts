import { describe, expect, it } from 'vitest';
import type { DimensionKey, Score } from '../../src/features/assessment/domain/index.js';
import {
  DIMENSION_KEYS,
  DIMENSIONS,
  dimension,
  isDimensionKey,
  LEVEL_NAMES,
  level,
  RED_FLAGS,
  redFlag,
} from '../../src/features/assessment/domain/index.js';
import { seedDimensions } from './seed-tables.js';

const seed = seedDimensions();

describe('rubric structure', () => {
  it('has the five dimensions in order with their stable keys and names', () => {
    expect(DIMENSION_KEYS).toEqual(['data_integration', 'activation', 'usage_campaigns', 'pqls', 'feedback_loop']);
    expect(DIMENSIONS.map((d) => [d.key, d.name, d.shortLabel])).toEqual([
      ['data_integration', 'Data Integration & Infrastructure', 'Data Integration'],
      ['activation', 'Activation & Onboarding', 'Activation'],
      ['usage_campaigns', 'Usage-Driven Campaigns', 'Usage Campaigns'],
      ['pqls', 'Product-Qualified Leads', 'PQLs'],
      ['feedback_loop', 'Feedback Loop Closure', 'Feedback Loop'],
    ]);
  });

  it('names the levels 1..5', () => {
    expect(LEVEL_NAMES).toEqual({ 1: 'Ad hoc', 2: 'Emerging', 3: 'Defined', 4: 'Managed', 5: 'Optimized' });
  });

  it.each(DIMENSIONS.map((d) => [d.key, d] as const))('%s has five complete levels', (_key, d) => {
    expect(d.levels.map((l) => l.score)).toEqual([1, 2, 3, 4, 5]);
    expect(d.levels.map((l) => l.name)).toEqual(['Ad hoc', 'Emerging', 'Defined', 'Managed', 'Optimized']);
    for (const l of d.levels) {
      expect(l.description.trim()).not.toBe('');
      expect(l.evidence.trim()).not.toBe('');
    }
    expect(d.measures.trim()).not.toBe('');
  });

  it('has 3, 4, 4, 4, 4 red flags per dimension with unique readable keys', () => {
    expect(DIMENSIONS.map((d) => d.redFlags.length)).toEqual([3, 4, 4, 4, 4]);
    expect(RED_FLAGS).toHaveLength(19);
    const keys = RED_FLAGS.map((f) => f.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const f of RED_FLAGS) {
      expect(f.key).toMatch(new RegExp(`^${f.dimension}\\.[a-z0-9_]+$`));
      expect(f.text).not.toMatch(/\[src\d+\]|\.$|^\s|\s$/);
    }
  });

  it('keeps the stored red flag keys stable', () => {
    expect(RED_FLAGS.map((f) => f.key)).toEqual([
      'data_integration.no_usage_visibility',
      'data_integration.no_analytics_automation_integration',
      'data_integration.manual_data_syncs',
      'activation.no_activation_metric',
      'activation.marketing_stops_at_signup',
      'activation.time_to_value_unmeasured',
      'activation.activation_below_15_percent',
      'usage_campaigns.no_behavioral_triggers',
      'usage_campaigns.all_blast_sends',
      'usage_campaigns.no_usage_segmentation',
      'usage_campaigns.no_feature_adoption_campaigns',
      'pqls.no_pql_definition',
      'pqls.free_users_not_surfaced',
      'pqls.usage_not_in_lead_scoring',
      'pqls.all_leads_from_content',
      'feedback_loop.teams_never_meet',
      'feedback_loop.launches_surprise_marketing',
      'feedback_loop.no_shared_kpis',
      'feedback_loop.feedback_not_reaching_product',
    ]);
  });
});

describe('rubric text is verbatim from the seed', () => {
  it('the seed fixture has five dimensions', () => {
    expect(seed).toHaveLength(5);
  });

  it.each(DIMENSION_KEYS.map((key, i) => [key, i] as const))('%s', (key, i) => {
    const s = seed[i]!;
    const d = dimension(key);
    expect(d.measures).toBe(s.measures);
    expect(
      d.levels.map((l) => ({ score: l.score, name: l.name, description: l.description, evidence: l.evidence })),
    ).toEqual(s.levels);
    const expectedFlags = s.redFlagSentence
      .replace(/\s*\[src\d+\]\s*$/, '')
      .replace(/\.$/, '')
      .split(';')
      .map((t) => t.trim());
    expect(d.redFlags.map((f) => f.text)).toEqual(expectedFlags);
  });

  it('quotes the data-integration flags from domain.md exactly', () => {
    expect(dimension('data_integration').redFlags.map((f) => f.text)).toEqual([
      'Marketing cannot see product usage',
      'no integration between analytics and automation',
      'manual data syncs',
    ]);
  });
});

describe('rubric lookups', () => {
  it.each([
    ['data_integration', 1, 'Ad hoc', 'Product and marketing data in separate systems; no sharing'],
    ['activation', 4, 'Managed', 'Personalized onboarding by use case; activation segmented per cohort; >30% rate'],
    ['feedback_loop', 5, 'Optimized', 'Fully integrated growth engine; shared P&L; AI optimizes across both'],
  ] as const)('level(%s, %i) is %s', (key, score, name, description) => {
    const l = level(key, score);
    expect(l.score).toBe(score);
    expect(l.name).toBe(name);
    expect(l.description).toBe(description);
  });

  it('level rejects scores outside 1..5', () => {
    expect(() => level('pqls', 0 as Score)).toThrow(RangeError);
    expect(() => level('pqls', 2.5 as Score)).toThrow(RangeError);
  });

  it('dimension rejects an unknown key', () => {
    expect(() => dimension('nope' as DimensionKey)).toThrow(RangeError);
    expect(isDimensionKey('pqls')).toBe(true);
    expect(isDimensionKey('nope')).toBe(false);
  });

  it('redFlag finds a flag by key and returns undefined for an unknown key', () => {
    expect(redFlag('pqls.no_pql_definition')).toEqual({
      key: 'pqls.no_pql_definition',
      dimension: 'pqls',
      text: 'No PQL definition',
    });
    expect(redFlag('pqls.unknown')).toBeUndefined();
  });

  it('is frozen, so callers cannot mutate the shared rubric', () => {
    expect(Object.isFrozen(DIMENSIONS)).toBe(true);
    expect(Object.isFrozen(dimension('pqls').levels[0])).toBe(true);
  });
});
