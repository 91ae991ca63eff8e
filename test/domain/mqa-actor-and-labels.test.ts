import { describe, expect, it } from 'vitest';
import {
  actorFromKey,
  actorKey,
  actorMrkdwn,
  CLOSED_STATUSES,
  CSV_IMPORT_ACTOR,
  INGEST_ACTOR,
  LOOPKEEPER_ACTOR,
  looksSemicolonSeparated,
  MQA_STATUSES,
  OPEN_STATUSES,
  person,
  personId,
  STATUS_LABEL,
} from '../../src/features/mqa/domain/index.js';

describe('MQA actors: people and systems', () => {
  it.each([
    [person('U0ALICE'), 'U0ALICE', '<@U0ALICE>', 'U0ALICE'],
    [person('W0ENTERPRISE'), 'W0ENTERPRISE', '<@W0ENTERPRISE>', 'W0ENTERPRISE'],
    [INGEST_ACTOR, 'ingest', 'ingest', null],
    [CSV_IMPORT_ACTOR, 'import', 'CSV import', null],
    [LOOPKEEPER_ACTOR, 'Loopkeeper', 'Loopkeeper', null],
  ] as const)('%j is stored as %s, shown as %s', (actor, key, shown, userId) => {
    expect(actorKey(actor)).toBe(key);
    expect(actorFromKey(key)).toEqual(actor);
    expect(actorMrkdwn(actor)).toBe(shown);
    expect(personId(actor)).toBe(userId);
  });
});

describe('MQA status labels', () => {
  it('reads every status differently, so a Marketing rejection is never mistaken for a Sales "not a fit"', () => {
    const labels = MQA_STATUSES.map((s) => STATUS_LABEL[s]);
    expect(new Set(labels).size).toBe(labels.length);
    expect(STATUS_LABEL.rejected).toBe('Rejected by Marketing');
    expect(STATUS_LABEL.not_a_fit).toBe('Not a fit for Sales');
  });

  it('splits the statuses into open (stalled included) and closed, with nothing in both or neither', () => {
    expect(OPEN_STATUSES).toContain('stalled');
    expect([...CLOSED_STATUSES].sort()).toEqual(['lost', 'not_a_fit', 'rejected', 'won']);
    expect([...OPEN_STATUSES, ...CLOSED_STATUSES].sort()).toEqual([...MQA_STATUSES].sort());
  });
});

describe('semicolon-separated CSV files', () => {
  it.each([
    [['account_name;domain;source'], true],
    [['account_name', 'domain;source'], true],
    [['account_name', 'domain', 'source'], false],
  ])('%j looks semicolon-separated: %s', (header, expected) => {
    expect(looksSemicolonSeparated(header)).toBe(expected);
  });
});
