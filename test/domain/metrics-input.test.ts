import { describe, expect, it } from 'vitest';
import { checkCsv, checkRows, parseInstant } from '../../src/features/kpis/domain/index.js';

describe('dates', () => {
  it.each([
    ['2026-11-23', '2026-11-23T00:00:00.000Z'],
    ['2026-11-23T09:30:00Z', '2026-11-23T09:30:00.000Z'],
    ['2026-11-23T09:30:00+02:00', '2026-11-23T07:30:00.000Z'],
    ['2026-11-23 09:30Z', '2026-11-23T09:30:00.000Z'],
  ])('%s is %s', (text, iso) => expect(parseInstant(text)?.toISOString()).toBe(iso));
  it.each(['2026-02-30', '23/11/2026', '2026-11-23T09:30', 'soon'])('%s is refused', (text) =>
    expect(parseInstant(text)).toBeNull(),
  );
});

describe('CSV checks', () => {
  it('reads quoted fields with commas, newlines and CRLF', () => {
    const csv =
      'id,account,amount,currency,created_at,outcome,ols\r\n"D1","Acme, Inc.",12000.50,eur,2026-11-02,open,"web\ninar"\r\n';
    const result = checkCsv('deals', csv);
    expect(result.ok && result.records[0]).toMatchObject({
      id: 'D1',
      account: 'acme, inc.',
      amountMinor: 1_200_050,
      currency: 'EUR',
      ols: 'web\ninar',
    });
  });
  it('names the line and field of every bad row and returns no records', () => {
    const csv = [
      'id,account,amount,currency,created_at,closed_at,outcome',
      'D1,acme.com,100,EUR,2026-11-02,,open',
      'D2,beta.com,1.234,EUR,2026-11-02,,open',
      'D3,gamma.com,5,EURO,2026-13-02,,open',
      'D4,delta.com,5,EUR,2026-11-02,,won',
    ].join('\n');
    const result = checkCsv('deals', csv);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.row, e.field])).toEqual([
      [3, 'amount'],
      [4, 'currency'],
      [4, 'created_at'],
      [5, 'closed_at'],
    ]);
  });
  it('a line number counts the lines of an earlier multi-line field', () => {
    const csv = 'id,channel,at,lead_id\nT1,"web\ninar",2026-11-02,L1\nT2,email,yesterday,L1\n';
    const result = checkCsv('touchpoints', csv);
    expect(!result.ok && result.errors).toEqual([
      { row: 4, field: 'at', message: expect.stringContaining('not a date') },
    ]);
  });
  it('refuses unknown and missing columns on the header line', () => {
    const result = checkCsv('spend', 'month,channel,amount,colour\n2026-11,ads,100,red\n');
    expect(!result.ok && result.errors.map((e) => [e.row, e.field])).toEqual([
      [1, 'colour'],
      [1, 'currency'],
    ]);
  });
  it('the same id twice in one file is an error naming both rows', () => {
    const result = checkRows('leads', [
      { row: 1, values: { id: 'L1', account: 'a.com', mql_at: '2026-11-02' } },
      { row: 2, values: { id: 'L1', account: 'a.com', mql_at: '2026-11-03' } },
    ]);
    expect(!result.ok && result.errors).toEqual([{ row: 2, field: 'id', message: expect.stringContaining('row 1') }]);
  });
  it('stage dates only move forward and a lead needs one', () => {
    const result = checkRows('leads', [
      { row: 1, values: { id: 'L1', account: 'a.com', lead_at: '2026-11-05', mql_at: '2026-11-02' } },
      { row: 2, values: { id: 'L2', account: 'b.com' } },
    ]);
    expect(!result.ok && result.errors.map((e) => [e.row, e.field])).toEqual([
      [1, 'mql_at'],
      [2, 'subscriber_at'],
    ]);
  });
  it('a touchpoint needs a lead or an account; open deals have no close date', () => {
    const t = checkRows('touchpoints', [{ row: 1, values: { id: 'T', channel: 'x', at: '2026-11-02' } }]);
    expect(!t.ok && t.errors[0]?.field).toBe('lead_id');
    const deal = checkRows('deals', [
      {
        row: 1,
        values: {
          id: 'D',
          account: 'a',
          amount: 5,
          currency: 'EUR',
          created_at: '2026-11-02',
          closed_at: '2026-11-03',
          outcome: 'open',
        },
      },
    ]);
    expect(!deal.ok && deal.errors[0]).toMatchObject({ field: 'closed_at', message: 'must be empty for an open deal' });
  });
});
