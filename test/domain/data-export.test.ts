import { describe, expect, it } from 'vitest';
import { COPIED_TABLES } from '../../src/cli/db-copy.js';
import { confirmationProblem } from '../../src/features/data/domain/confirmation.js';
import { tableCountLines } from '../../src/features/data/domain/table-counts.js';
import { cellOf, tableCsv } from '../../src/features/data/domain/table-csv.js';
import { zipArchive } from '../../src/features/data/domain/zip.js';
import { TEAM_TABLES } from '../../src/features/data/tables.js';
import { unzip } from '../helpers/zip.js';

describe('the data zip', () => {
  it('holds every file as written, deflated, with UTF-8 names and the export time', () => {
    const big = 'x,y\r\n'.repeat(50_000);
    const zip = zipArchive(
      [
        { name: 'teams.csv', data: 'team_id\r\nT0TEST\r\n' },
        { name: 'empty.csv', data: '' },
        { name: 'notes-ü.csv', data: Buffer.from(big) },
      ],
      new Date('2026-11-23T10:11:12Z'),
    );
    expect(zip.length).toBeLessThan(big.length / 10);
    const files = unzip(zip);
    expect(files.map((f) => [f.name, f.data.toString('utf8')])).toEqual([
      ['teams.csv', 'team_id\r\nT0TEST\r\n'],
      ['empty.csv', ''],
      ['notes-ü.csv', big],
    ]);
    // 2026-11-23 10:11:12 in MS-DOS fields.
    expect(files[0]!.dosDate).toBe(((2026 - 1980) << 9) | (11 << 5) | 23);
    expect(files[0]!.dosTime).toBe((10 << 11) | (11 << 5) | 6);
  });

  it('is an empty archive without files', () => {
    expect(unzip(zipArchive([], new Date()))).toEqual([]);
  });
});

describe('table CSV files', () => {
  it('writes a header row, quotes per RFC 4180 and defuses formulas', () => {
    expect(
      tableCsv(
        ['id', 'title', 'note', 'amount'],
        [
          [1, '=1+1', 'a, "b"\nc', -5],
          [2, null, '@user', 0],
        ],
      ),
    ).toBe('id,title,note,amount\r\n1,\'=1+1,"a, ""b""\nc",-5\r\n2,,\'@user,0\r\n');
  });

  it('turns every database value into text or a number', () => {
    expect([null, undefined, 3, 10n, true, new Date('2026-01-02T03:04:05Z'), Buffer.from('hi')].map(cellOf)).toEqual([
      '',
      '',
      3,
      '10',
      'true',
      '2026-01-02T03:04:05.000Z',
      'aGk=',
    ]);
  });
});

describe('the tables', () => {
  it("are db:copy's tables but the installations, in its parents-first order", () => {
    const copied: string[] = COPIED_TABLES.map((t) => t.name);
    expect(TEAM_TABLES.map((t) => t.name as string).filter((name) => copied.includes(name))).toEqual(
      copied.filter((name) => name !== 'installations'),
    );
  });

  it('name the tables with rows and then the empty ones, plural-correct', () => {
    expect(
      tableCountLines(
        [
          { table: 'teams', rows: 1 },
          { table: 'risks', rows: 0 },
          { table: 'mqa_items', rows: 3 },
          { table: 'gtm_spend', rows: 0 },
        ],
        'No rows',
      ),
    ).toEqual(['• `teams`: 1 row', '• `mqa_items`: 3 rows', 'No rows: `risks`, `gtm_spend`']);
  });
});

describe('the delete confirmation', () => {
  it('is DELETE exactly, spaces around it ignored', () => {
    expect(confirmationProblem('DELETE')).toBeUndefined();
    expect(confirmationProblem(' DELETE ')).toBeUndefined();
    expect(confirmationProblem('Delete')).toBe('Type DELETE in capital letters to confirm. Nothing was deleted.');
    expect(confirmationProblem(null)).toBe('Type DELETE to confirm. Nothing was deleted.');
    expect(confirmationProblem('DELETE ALL')).toBe('Type DELETE to confirm. Nothing was deleted.');
  });
});
