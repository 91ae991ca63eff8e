import type { KnownBlock } from './blocks.js';

/*
 * Block Kit's `table` block (https://docs.slack.dev/reference/block-kit/blocks/table-block) for figures people
 * compare. Slack's rules, which `fitsTable` keeps: at most 100 rows (the header row counts) of at most 20 cells, at
 * most 10,000 characters of cell text in a message, and one table per message. Tables show in messages only as far
 * as Loopkeeper uses them: modals have none, and notifications and older clients read the message's text and other
 * blocks, so every table goes with a text fallback built from the same figures.
 */
export const TABLE_MAX_ROWS = 100;
export const TABLE_MAX_COLUMNS = 20;
export const TABLE_MAX_CHARS = 10_000;

export type TableAlign = 'left' | 'center' | 'right';

export interface TableColumn {
  header: string;
  align?: TableAlign;
  /** Long text wraps instead of being cut off at the column's width. */
  wrap?: boolean;
}

/**
 * A cell: our own text (a `raw_text` cell); text someone typed (`typed`: a rich_text text run, which Slack shows
 * literally, never as mrkdwn, a mention or a link, so it needs no escaping); a person, shown as their mention; or a
 * date Slack shows in each reader's own words, with a fallback and optional text after it.
 */
export type TableCell =
  | string
  | { typed: string }
  | { userId: string }
  | { date: Date; format: string; fallback: string; after?: string };

/** A table as plain content: what features hand over, before it is Block Kit. */
export interface TableModel {
  columns: TableColumn[];
  /** Each row has one cell per column. */
  rows: TableCell[][];
}

const length = (text: string) => [...text].length;

function cellChars(cell: TableCell): number {
  if (typeof cell === 'string') return length(cell);
  if ('typed' in cell) return length(cell.typed);
  if ('date' in cell) return 1 + length(cell.after ?? '');
  return 1;
}

/** Characters of cell text the table holds, header included, the way Slack counts them against the cap. */
export function tableChars(model: TableModel): number {
  let n = 0;
  for (const c of model.columns) n += [...c.header].length;
  for (const row of model.rows) for (const cell of row) n += cellChars(cell);
  return n;
}

/** True when the table is within Slack's limits as one block (with `otherChars` of cell text elsewhere in the message). */
export function fitsTable(model: TableModel, otherChars = 0): boolean {
  return (
    model.columns.length > 0 &&
    model.columns.length <= TABLE_MAX_COLUMNS &&
    model.rows.length + 1 <= TABLE_MAX_ROWS &&
    model.rows.every((r) => r.length === model.columns.length) &&
    tableChars(model) + otherChars <= TABLE_MAX_CHARS
  );
}

/** Slack refuses an empty raw_text cell; an empty figure shows as a dash. */
const textCell = (text: string) => ({ type: 'raw_text' as const, text: text.length > 0 ? text : '–' });

const richCell = (elements: Array<Record<string, unknown>>) => ({
  type: 'rich_text' as const,
  elements: [{ type: 'rich_text_section' as const, elements }],
});

function cell(c: TableCell) {
  if (typeof c === 'string') return textCell(c);
  if ('typed' in c) return c.typed.length > 0 ? richCell([{ type: 'text', text: c.typed }]) : textCell('');
  if ('userId' in c) return richCell([{ type: 'user', user_id: c.userId }]);
  const date = { type: 'date', timestamp: Math.floor(c.date.getTime() / 1000), format: c.format, fallback: c.fallback };
  return richCell(c.after ? [date, { type: 'text', text: c.after }] : [date]);
}

/** The model as a `table` block: a header row, then the rows; column alignment and wrapping as asked. */
export function tableBlock(model: TableModel, blockId?: string): KnownBlock {
  const settings = model.columns.map((c) => ({
    ...(c.align && c.align !== 'left' ? { align: c.align } : {}),
    ...(c.wrap ? { is_wrapped: true } : {}),
  }));
  return {
    type: 'table',
    ...(blockId ? { block_id: blockId } : {}),
    column_settings: settings,
    rows: [model.columns.map((c) => textCell(c.header)), ...model.rows.map((r) => r.map(cell))],
  } as KnownBlock;
}

/**
 * A change as an arrow and the signed figure: "▲ +4", "▼ −2"; "–" when nothing changed or there is nothing to
 * compare with. `text` is the already formatted change without its sign.
 */
export function arrowChange(direction: number | null, text: string): string {
  if (direction === null || direction === 0) return '–';
  return direction > 0 ? `▲ +${text}` : `▼ −${text}`;
}
