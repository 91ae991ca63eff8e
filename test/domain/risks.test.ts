import { describe, expect, it } from 'vitest';
import {
  byScoreDescending,
  eventChanges,
  formatDay,
  isIsoDate,
  isReviewDue,
  isReviewOverdue,
  localDateTime,
  middayOf,
  parseRating,
  RiskRatingError,
  riskScore,
  scoreAt,
  scoreRiseSince,
  scoreTrend,
  severityOf,
  validateRescore,
  validateResolution,
  validateRiskInput,
} from '../../src/features/risks/domain/index.js';

describe('risk score and severity', () => {
  it.each([
    [1, 1, 1, 'low'],
    [2, 2, 4, 'low'],
    [1, 5, 5, 'medium'],
    [3, 3, 9, 'medium'],
    [2, 5, 10, 'high'],
    [4, 4, 16, 'high'],
    [4, 5, 20, 'critical'],
    [5, 5, 25, 'critical'],
  ])('%i x %i = %i (%s)', (likelihood, impact, score, severity) => {
    expect(riskScore(likelihood, impact)).toBe(score);
    expect(severityOf(score)).toBe(severity);
  });

  it.each([
    [0, 3],
    [6, 1],
    [2.5, 2],
    [3, -1],
  ])('refuses likelihood %s x impact %s', (likelihood, impact) => {
    expect(() => riskScore(likelihood, impact)).toThrow(RiskRatingError);
  });

  it('bands every possible score with no gap', () => {
    const scores = new Set<number>();
    for (let l = 1; l <= 5; l++) for (let i = 1; i <= 5; i++) scores.add(l * i);
    expect([...scores].filter((s) => s > 16 && s < 20)).toEqual([]);
    expect([...scores].map(severityOf).filter((s) => s === 'critical').length).toBe(2);
  });
});

describe('risk form validation', () => {
  const valid = {
    category: 'pipeline_generation',
    title: '  Pipeline coverage below 3x  ',
    description: '',
    likelihood: '4',
    impact: '5',
    mitigation: 'Add outbound sequence',
    kpis: 'Coverage',
    ownerId: 'U1',
    reviewDate: '2026-12-01',
  };
  const today = '2026-11-23';

  it('accepts a complete form and trims text', () => {
    const result = validateRiskInput(valid, { today });
    expect(result).toEqual({
      ok: true,
      value: { ...valid, title: 'Pipeline coverage below 3x', likelihood: 4, impact: 5 },
    });
  });

  it.each([
    ['likelihood', { likelihood: '0' }, 'The likelihood must be a whole number from 1 to 5, not "0".'],
    ['likelihood', { likelihood: '' }, 'Enter the likelihood, a whole number from 1 (rare) to 5 (almost certain).'],
    ['impact', { impact: '2.5' }, 'The impact must be a whole number from 1 to 5, not "2.5".'],
    ['impact', { impact: 'high' }, 'The impact must be a whole number from 1 to 5, not "high".'],
    ['title', { title: '   ' }, 'Give the risk a short title.'],
    ['title', { title: 'x'.repeat(151) }, 'Keep the title to 150 characters (it has 151).'],
    ['category', { category: 'weather' }, 'Pick a category.'],
    ['ownerId', { ownerId: null }, 'Pick the owner who reviews this risk.'],
    [
      'reviewDate',
      { reviewDate: '2026-11-22' },
      "The next review can't be in the past; pick Mon 23 Nov 2026 or later.",
    ],
    ['reviewDate', { reviewDate: '2026-02-30' }, 'Pick a date from the calendar.'],
    ['description', { description: 'd'.repeat(2001) }, 'Keep this to 2000 characters (it has 2001).'],
  ])('%s: %o', (field, change, message) => {
    const result = validateRiskInput({ ...valid, ...change }, { today });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toEqual({ [field]: message });
  });

  it('reports every bad field at once', () => {
    const result = validateRiskInput({ ...valid, title: '', likelihood: '0', impact: '9' }, { today });
    expect(result.ok ? [] : Object.keys(result.errors).sort()).toEqual(['impact', 'likelihood', 'title']);
  });

  it('lets an edit keep a review date that has passed, but not pick another past one', () => {
    expect(
      validateRiskInput({ ...valid, reviewDate: '2026-11-01' }, { today, currentReviewDate: '2026-11-01' }).ok,
    ).toBe(true);
    expect(
      validateRiskInput({ ...valid, reviewDate: '2026-11-02' }, { today, currentReviewDate: '2026-11-01' }).ok,
    ).toBe(false);
  });

  it.each([
    ['1', 1],
    ['5', 5],
    [' 3 ', 3],
    ['0', null],
    ['6', null],
    ['3.0', 3],
    ['3.5', null],
    ['', null],
    [null, null],
  ])('parseRating(%o) = %o', (raw, expected) => {
    expect(parseRating(raw)).toBe(expected);
  });

  it('re-scoring needs both ratings; closing needs a note', () => {
    expect(validateRescore({ likelihood: '2', impact: '3', note: ' better ' })).toEqual({
      ok: true,
      value: { likelihood: 2, impact: 3, note: 'better' },
    });
    expect(validateRescore({ likelihood: '0', impact: null, note: null }).ok).toBe(false);
    expect(validateResolution('  ')).toEqual({
      ok: false,
      errors: { resolution: 'Say how the risk was resolved (or why it no longer applies).' },
    });
    expect(validateResolution(' done ')).toEqual({ ok: true, value: 'done' });
  });

  it.each([
    ['2026-02-28', true],
    ['2028-02-29', true],
    ['2027-02-29', false],
    ['2026-13-01', false],
    ['26-01-01', false],
  ])('isIsoDate(%s) = %s', (value, expected) => {
    expect(isIsoDate(value)).toBe(expected);
  });
});

describe('review dates', () => {
  it.each([
    // 07:59 UTC is 08:59 in Berlin: not yet; 08:00 UTC is 09:00 there.
    ['2026-12-01', '2026-12-01T07:59:00Z', 'Europe/Berlin', false],
    ['2026-12-01', '2026-12-01T08:00:00Z', 'Europe/Berlin', true],
    ['2026-12-01', '2026-11-30T23:30:00Z', 'Pacific/Auckland', true],
    ['2026-12-01', '2026-12-01T12:00:00Z', 'America/Los_Angeles', false],
    ['2026-12-01', '2026-12-01T17:00:00Z', 'America/Los_Angeles', true],
    ['2026-11-20', '2026-12-01T00:00:00Z', 'UTC', true],
  ])('review on %s is due at %s in %s: %s', (reviewDate, at, zone, expected) => {
    expect(isReviewDue(reviewDate, new Date(at), zone)).toBe(expected);
  });

  it('local date and hour across a date line', () => {
    expect(localDateTime(new Date('2026-11-30T23:30:00Z'), 'Pacific/Auckland')).toEqual({
      date: '2026-12-01',
      hour: 12,
    });
    expect(localDateTime(new Date('2026-12-01T00:30:00Z'), 'America/New_York')).toEqual({
      date: '2026-11-30',
      hour: 19,
    });
  });

  it('overdue only after the date is over', () => {
    expect(isReviewOverdue('2026-11-23', '2026-11-23')).toBe(false);
    expect(isReviewOverdue('2026-11-22', '2026-11-23')).toBe(true);
  });
});

describe('score history', () => {
  const points = [
    { at: new Date('2026-11-01T00:00:00Z'), score: 6 },
    { at: new Date('2026-11-10T00:00:00Z'), score: 12 },
    { at: new Date('2026-11-20T00:00:00Z'), score: 9 },
  ];

  it('reads the score in force at a time', () => {
    expect(scoreAt(points, new Date('2026-10-31T00:00:00Z'))).toBeUndefined();
    expect(scoreAt(points, new Date('2026-11-01T00:00:00Z'))).toBe(6);
    expect(scoreAt(points, new Date('2026-11-15T00:00:00Z'))).toBe(12);
    expect(scoreAt([...points].reverse(), new Date('2026-11-25T00:00:00Z'))).toBe(9);
  });

  it.each([
    ['2026-11-05T00:00:00Z', '2026-11-15T00:00:00Z', { from: 6, to: 12 }],
    ['2026-11-05T00:00:00Z', '2026-11-25T00:00:00Z', { from: 6, to: 9 }],
    ['2026-11-15T00:00:00Z', '2026-11-25T00:00:00Z', undefined],
    ['2026-10-01T00:00:00Z', '2026-11-25T00:00:00Z', undefined],
  ])('rise from %s to %s', (from, to, expected) => {
    expect(scoreRiseSince(points, new Date(from), new Date(to))).toEqual(expected);
  });

  it('shows the score over time without repeats', () => {
    expect(scoreTrend([...points, { at: new Date('2026-11-21T00:00:00Z'), score: 9 }])).toBe('6 → 12 → 9');
    expect(scoreTrend(points, 2)).toBe('… → 12 → 9');
  });

  it('sorts highest score first, then sooner review, then older', () => {
    const risks = [
      { id: 1, score: 9, reviewDate: '2026-12-01' },
      { id: 2, score: 20, reviewDate: '2026-12-05' },
      { id: 3, score: 9, reviewDate: '2026-11-30' },
      { id: 4, score: 9, reviewDate: '2026-11-30' },
    ];
    expect(risks.sort(byScoreDescending).map((r) => r.id)).toEqual([2, 3, 4, 1]);
  });
});

describe('what each history event changed', () => {
  const created = { type: 'created' as const, likelihood: 3, impact: 4, score: 12, changes: {} };

  it("lists an edit's stored fields in form order, with the score it changed from the event before", () => {
    const edited = {
      type: 'edited' as const,
      likelihood: 3,
      impact: 5,
      score: 15,
      changes: { reviewDate: ['2026-12-01', '2026-12-15'], impact: [4, 5], title: ['Old', 'New'] } as Record<
        string,
        [unknown, unknown]
      >,
    };
    expect(eventChanges([created, edited])).toEqual([
      [],
      [
        { field: 'title', before: 'Old', after: 'New' },
        { field: 'impact', before: 4, after: 5 },
        { field: 'score', before: 12, after: 15 },
        { field: 'reviewDate', before: '2026-12-01', after: '2026-12-15' },
      ],
    ]);
  });

  it("derives a re-score's likelihood and impact from the event before; an unchanged re-score lists nothing", () => {
    const rescored = {
      type: 'rescored' as const,
      likelihood: 5,
      impact: 4,
      score: 20,
      changes: { score: [12, 20] } as Record<string, [unknown, unknown]>,
    };
    const same = {
      type: 'rescored' as const,
      likelihood: 5,
      impact: 4,
      score: 20,
      changes: { score: [20, 20] } as Record<string, [unknown, unknown]>,
    };
    const closed = { type: 'closed' as const, likelihood: 5, impact: 4, score: 20, changes: {} };
    expect(eventChanges([created, rescored, same, closed])).toEqual([
      [],
      [
        { field: 'likelihood', before: 3, after: 5 },
        { field: 'score', before: 12, after: 20 },
      ],
      [],
      [],
    ]);
  });

  it('keeps an edit with nothing changed empty, and a field it does not know last', () => {
    const edited = {
      type: 'edited' as const,
      likelihood: 3,
      impact: 4,
      score: 12,
      changes: { legacy: ['a', 'b'], kpis: ['', 'SQLs'] } as Record<string, [unknown, unknown]>,
    };
    expect(eventChanges([created, { ...edited, changes: {} }, edited])[1]).toEqual([]);
    expect(eventChanges([created, edited])[1]!.map((c) => c.field)).toEqual(['kpis', 'legacy']);
  });
});

describe('review days as people read them', () => {
  it.each([
    ['2026-12-01', 'Tue 1 Dec 2026'],
    ['2027-02-28', 'Sun 28 Feb 2027'],
    ['2028-02-29', 'Tue 29 Feb 2028'],
    ['2026-02-30', '2026-02-30'],
    ['soon', 'soon'],
  ])('%s reads %s', (day, readable) => expect(formatDay(day)).toBe(readable));

  it('stands for a day by its midday in the team zone, across a DST change', () => {
    expect(middayOf('2026-12-01', 'UTC')?.toISOString()).toBe('2026-12-01T12:00:00.000Z');
    expect(middayOf('2027-03-28', 'Europe/Rome')?.toISOString()).toBe('2027-03-28T10:00:00.000Z');
    expect(middayOf('2026-12-01', 'Pacific/Auckland')?.toISOString()).toBe('2026-11-30T23:00:00.000Z');
    expect(middayOf('2026-13-01', 'UTC')).toBeUndefined();
  });
});
