import { describe, expect, it } from 'vitest';
import { arrowChange, fitsTable, type TableModel, tableBlock, tableChars } from '../../src/slack/table.js';
import { Checker, formatIssue } from '../../src/slack-double/block-kit/checker.js';
import { checkMessage } from '../../src/slack-double/block-kit/surfaces.js';

const model = (rows: number, cellText = '1'): TableModel => ({
  columns: [
    { header: 'Name', wrap: true },
    { header: 'Now', align: 'right' },
    { header: 'Mid', align: 'center' },
  ],
  rows: Array.from({ length: rows }, () => [cellText, cellText, cellText]),
});

/** What the Slack double (modelled on Slack's documented rules) says about a message holding the block. */
function issues(block: unknown): string[] {
  const c = new Checker();
  checkMessage(c, { text: 't', blocks: [block] }, { requireContent: true });
  return c.issues.map(formatIssue);
}

describe('table blocks from a table model', () => {
  it('builds a header row, then the rows, with alignment and wrapping per column', () => {
    const block = tableBlock({
      columns: [{ header: 'Risk', wrap: true }, { header: 'Score', align: 'right' }, { header: 'Owner' }],
      rows: [[{ typed: 'A <!here> & *b*' }, '12', { userId: 'U1' }]],
    }) as any;
    expect(block.column_settings).toEqual([{ is_wrapped: true }, { align: 'right' }, {}]);
    expect(block.rows[0]).toEqual([
      { type: 'raw_text', text: 'Risk' },
      { type: 'raw_text', text: 'Score' },
      { type: 'raw_text', text: 'Owner' },
    ]);
    expect(block.rows[1]).toEqual([
      {
        type: 'rich_text',
        elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: 'A <!here> & *b*' }] }],
      },
      { type: 'raw_text', text: '12' },
      { type: 'rich_text', elements: [{ type: 'rich_text_section', elements: [{ type: 'user', user_id: 'U1' }] }] },
    ]);
    expect(issues(block)).toEqual([]);
  });

  it('shows an empty figure or typed text as a dash, since Slack refuses empty cells', () => {
    const block = tableBlock({ columns: [{ header: 'A' }, { header: 'B' }], rows: [['', { typed: '' }]] }) as any;
    expect(block.rows[1]).toEqual([
      { type: 'raw_text', text: '–' },
      { type: 'raw_text', text: '–' },
    ]);
    expect(issues(block)).toEqual([]);
  });

  it('puts a date in a rich_text cell with its format and fallback, and text after it', () => {
    const block = tableBlock({
      columns: [{ header: 'Review' }],
      rows: [
        [
          {
            date: new Date('2026-12-01T12:00:00Z'),
            format: '{date_short_pretty}',
            fallback: 'Tue 1 Dec 2026',
            after: ' (overdue)',
          },
        ],
      ],
    }) as any;
    expect(block.rows[1][0].elements[0].elements).toEqual([
      { type: 'date', timestamp: 1796126400, format: '{date_short_pretty}', fallback: 'Tue 1 Dec 2026' },
      { type: 'text', text: ' (overdue)' },
    ]);
    expect(issues(block)).toEqual([]);
  });

  it('fits Slack: 99 rows under the header, 20 columns, 10,000 characters, one cell a column', () => {
    expect(fitsTable(model(99))).toBe(true);
    expect(issues(tableBlock(model(99)))).toEqual([]);
    expect(fitsTable(model(100))).toBe(false);
    expect(issues(tableBlock(model(100)))).toEqual([
      '[ERROR] no more than 100 items allowed [json-pointer:/blocks/0/rows]',
    ]);
    const wide: TableModel = { columns: Array.from({ length: 21 }, () => ({ header: 'c' })), rows: [] };
    expect(fitsTable(wide)).toBe(false);
    expect(fitsTable({ columns: [{ header: 'a' }, { header: 'b' }], rows: [['1']] })).toBe(false);
    expect(fitsTable({ columns: [], rows: [] })).toBe(false);
    // 3 header characters + 3 more, then 3 cells a row.
    const long = model(90, 'x'.repeat(37));
    expect(tableChars(long)).toBe(4 + 3 + 3 + 90 * 3 * 37);
    expect(fitsTable(long)).toBe(true);
    expect(fitsTable(long, 10_000 - tableChars(long) + 1)).toBe(false);
    expect(fitsTable(model(90, 'x'.repeat(38)))).toBe(false);
    expect(issues(tableBlock(model(90, 'x'.repeat(38))))[0]).toContain('a message allows 10000');
  });

  it('says a change with an arrow and its sign, and a dash for none', () => {
    expect(arrowChange(4, '4')).toBe('▲ +4');
    expect(arrowChange(-2, '2 pts')).toBe('▼ −2 pts');
    expect(arrowChange(0, '0')).toBe('–');
    expect(arrowChange(null, '')).toBe('–');
  });
});
