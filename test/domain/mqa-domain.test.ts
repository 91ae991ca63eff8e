import { describe, expect, it } from 'vitest';
import {
  addBusinessDays,
  isStalled,
  parseCsv,
  parseMqaItemInput,
  parseThreadReply,
  person,
  pickOwner,
  type RoutingRule,
  routeItem,
  slaState,
  summarizePeriod,
  transition,
} from '../../src/features/mqa/domain/index.js';

const at = (iso: string) => new Date(iso);

describe('MQA lifecycle', () => {
  it.each([
    ['in_review', 'validated', true],
    ['in_review', 'shared', false],
    ['validated', 'shared', true],
    ['shared', 'acknowledged', true],
    ['shared', 'won', false],
    ['acknowledged', 'in_progress', true],
    ['acknowledged', 'stalled', true],
    ['stalled', 're_entered', true],
    ['stalled', 'won', false],
    ['lost', 're_entered', true],
    ['re_entered', 'won', true],
    ['won', 're_entered', false],
    ['acknowledged', 'acknowledged', false],
    // Marketing rejects in review; Sales says "not a fit" once it is shared: never the other way round.
    ['in_review', 'rejected', true],
    ['validated', 'rejected', true],
    ['shared', 'rejected', false],
    ['in_review', 'not_a_fit', false],
    ['shared', 'not_a_fit', true],
    ['acknowledged', 'not_a_fit', true],
    ['not_a_fit', 're_entered', false],
  ] as const)('%s -> %s allowed: %s', (from, to, ok) => {
    expect(transition(from, to, person('U1'), at('2026-01-01T00:00:00Z'), 'a reason').ok).toBe(ok);
  });

  it('needs a reason to reject or to say not a fit, and says which', () => {
    const when = at('2026-01-01T00:00:00Z');
    expect(transition('in_review', 'rejected', person('U1'), when, '  ')).toEqual({
      ok: false,
      reason: 'Say why Marketing rejects it.',
    });
    expect(transition('shared', 'not_a_fit', person('U1'), when, '  ')).toEqual({
      ok: false,
      reason: 'Say why it is not a fit.',
    });
    expect(transition('shared', 'not_a_fit', person('U1'), when, ' wrong ICP ')).toMatchObject({
      ok: true,
      change: { note: 'wrong ICP', actor: person('U1') },
    });
  });

  it('explains a move that is not allowed with the statuses as people read them', () => {
    expect(transition('shared', 'rejected', person('U1'), at('2026-01-01T00:00:00Z'), 'late')).toEqual({
      ok: false,
      reason: "The account is *Shared with Sales*: it can't move to *Rejected by Marketing*.",
    });
  });
});

describe('routing rules', () => {
  const rule = (
    id: number,
    position: number,
    criteria: Partial<RoutingRule>,
    ownerIds: string[] = [],
    routedCount = 0,
  ): RoutingRule => ({
    id,
    position,
    segment: null,
    region: null,
    tier: null,
    source: null,
    intentTopic: null,
    channelId: `C${id}`,
    ownerIds,
    routedCount,
    ...criteria,
  });
  const item = {
    segment: 'Enterprise',
    region: 'EMEA',
    tier: 'Tier 1',
    source: 'intent_signal',
    intentTopics: ['Observability', 'security'],
  };

  it.each([
    ['first match by position wins', [rule(2, 2, { region: 'emea' }), rule(1, 1, { source: 'intent_signal' })], 'C1'],
    [
      'all set criteria must match',
      [rule(1, 1, { region: 'EMEA', tier: 'Tier 2' }), rule(2, 2, { tier: 'tier 1' })],
      'C2',
    ],
    ['intent topic matches any topic, case-insensitively', [rule(1, 1, { intentTopic: 'SECURITY' })], 'C1'],
    ['no match falls back to the default channel', [rule(1, 1, { region: 'NA' })], 'CDEFAULT'],
  ] as const)('%s', (_name, rules, channel) => {
    const decision = routeItem([...rules], item, 'CDEFAULT');
    expect(decision.kind === 'none' ? null : decision.channelId).toBe(channel);
  });

  it('answers none without rules or default', () => {
    expect(routeItem([], item, null)).toEqual({ kind: 'none' });
  });

  it.each([
    [[], 0, null],
    [['U1'], 5, 'U1'],
    [['U1', 'U2', 'U3'], 0, 'U1'],
    [['U1', 'U2', 'U3'], 4, 'U2'],
  ] as const)('round robin over %j at %i -> %s', (owners, count, owner) => {
    expect(pickOwner([...owners], count)).toBe(owner);
  });
});

describe('business-day clock', () => {
  it.each([
    ['Monday 10:00 + 1', '2026-11-23T10:00:00Z', 1, 'UTC', '2026-11-24T10:00:00.000Z'],
    ['Friday 15:00 + 1 skips the weekend', '2026-11-27T15:00:00Z', 1, 'UTC', '2026-11-30T15:00:00.000Z'],
    ['Friday 15:00 + 2', '2026-11-27T15:00:00Z', 2, 'UTC', '2026-12-01T15:00:00.000Z'],
    ['Saturday counts from Monday 00:00', '2026-11-28T12:00:00Z', 1, 'UTC', '2026-12-01T00:00:00.000Z'],
    [
      'Friday 23:30 in Berlin + 1 is Monday 23:30 in Berlin',
      '2026-11-27T22:30:00Z',
      1,
      'Europe/Berlin',
      '2026-11-30T22:30:00.000Z',
    ],
    [
      'Saturday 00:30 in Berlin is Friday 23:30Z: weekend locally',
      '2026-11-27T23:30:00Z',
      1,
      'Europe/Berlin',
      '2026-11-30T23:00:00.000Z',
    ],
    [
      'across the DST change keeps the wall clock',
      '2026-03-27T09:00:00Z',
      1,
      'Europe/Berlin',
      '2026-03-30T08:00:00.000Z',
    ],
    ['zero days on a weekday is the start', '2026-11-25T08:00:00Z', 0, 'UTC', '2026-11-25T08:00:00.000Z'],
  ] as const)('%s', (_name, startIso, days, tz, expected) => {
    expect(addBusinessDays(at(startIso), days, tz).toISOString()).toBe(expected);
  });

  it.each([
    ['2026-11-28T15:00:00Z', 'ok'],
    ['2026-11-30T15:00:00Z', 'remind'],
    ['2026-12-01T14:59:00Z', 'remind'],
    ['2026-12-01T15:00:00Z', 'escalate'],
  ] as const)('shared Friday 15:00, at %s: %s', (now, state) => {
    expect(slaState(at('2026-11-27T15:00:00Z'), at(now), { slaBusinessDays: 1, timeZone: 'UTC' })).toBe(state);
  });

  it('stalls after the stall period in calendar days', () => {
    expect(isStalled(at('2026-01-01T00:00:00Z'), at('2026-01-21T23:59:00Z'), 21)).toBe(false);
    expect(isStalled(at('2026-01-01T00:00:00Z'), at('2026-01-22T00:00:00Z'), 21)).toBe(true);
  });
});

describe('thread replies', () => {
  it.each([
    ['ack', 'acknowledged'],
    ['Acked!', 'acknowledged'],
    ['acknowledged, calling tomorrow', 'acknowledged'],
    ['On it', 'acknowledged'],
    ['<@U123> on it', 'acknowledged'],
    ['in progress', 'in_progress'],
    ['Won', 'won'],
    ['lost to a competitor', 'lost'],
    ['backtrack', null],
    ['I will look at it', null],
    ['', null],
  ] as const)('%j -> %s', (text, intent) => {
    expect(parseThreadReply(text)).toBe(intent);
  });
});

describe('CSV parser', () => {
  it('reads quoted commas, doubled quotes, newlines in quotes and CRLF, with record start lines', () => {
    const result = parseCsv('a,b\r\n"x, y","say ""hi"""\r\n"multi\nline",z\n\nlast,row');
    expect(result).toEqual({
      ok: true,
      rows: [
        { line: 1, fields: ['a', 'b'] },
        { line: 2, fields: ['x, y', 'say "hi"'] },
        { line: 3, fields: ['multi\nline', 'z'] },
        { line: 6, fields: ['last', 'row'] },
      ],
    });
  });

  it.each([
    ['"open', 1, 'never closed'],
    ['a,b"c', 1, 'quote inside an unquoted field'],
    ['ok\n"x"y', 2, 'after a closing quote'],
  ])('rejects %j at line %i', (text, line, error) => {
    const result = parseCsv(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.line).toBe(line);
      expect(result.error).toContain(error);
    }
  });
});

describe('item input', () => {
  it('normalizes domains, topics and defaults direct requests to high priority', () => {
    const parsed = parseMqaItemInput({
      accountName: ' Acme ',
      domain: 'https://www.Acme.io/x',
      source: 'Direct request',
      intentTopics: 'a; b, a',
    });
    expect(parsed).toEqual({
      ok: true,
      value: expect.objectContaining({
        accountName: 'Acme',
        domain: 'acme.io',
        source: 'direct_request',
        priority: 'high',
        intentTopics: ['a', 'b'],
      }),
    });
  });

  it('names every bad field', () => {
    const parsed = parseMqaItemInput({ accountName: '', domain: 'nope', source: 'fax', ownerId: 'bob' });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(Object.keys(parsed.errors).sort()).toEqual(['accountName', 'domain', 'ownerId', 'source']);
  });
});

describe('period summary', () => {
  it('counts distinct items per status in the period and the median time to acknowledge; MQA only', () => {
    const from = at('2026-11-01T00:00:00Z');
    const to = at('2026-11-22T00:00:00Z');
    const e = (itemId: number, toStatus: any, iso: string) => ({ itemId, toStatus, at: at(iso) });
    const summary = summarizePeriod(
      [
        e(1, 'shared', '2026-10-30T10:00:00Z'),
        e(1, 'acknowledged', '2026-11-02T10:00:00Z'), // 3 days
        e(2, 'shared', '2026-11-05T10:00:00Z'),
        e(2, 'acknowledged', '2026-11-05T12:00:00Z'), // 2 h
        e(3, 'shared', '2026-11-06T10:00:00Z'),
        e(3, 'acknowledged', '2026-11-06T11:00:00Z'), // 1 h
        e(1, 'stalled', '2026-11-10T00:00:00Z'),
        e(1, 're_entered', '2026-11-12T00:00:00Z'),
        e(1, 'won', '2026-11-20T00:00:00Z'),
        e(2, 'lost', '2026-11-25T00:00:00Z'), // after the period
      ],
      from,
      to,
      4,
    );
    expect(summary).toEqual({
      shared: 2,
      acknowledged: 3,
      medianMsToAcknowledge: 2 * 3600_000,
      overdue: 4,
      stalled: 1,
      reEntered: 1,
      won: 1,
      lost: 0,
    });
  });
});
