import type { Surface } from './blocks.js';
import { type Checker, charLength, checkArray, isObject } from './checker.js';

/*
 * The `table` block as Slack documents it:
 * https://docs.slack.dev/reference/block-kit/blocks/table-block
 * - `rows` is required: at most 100 rows, each an array of at most 20 cells; a cell is `raw_text` or `rich_text`
 *   (@slack/types 3.2 adds `raw_number`: `value` a number, `text` at least one character). `raw_text` needs at least
 *   one character of `text`.
 * - `column_settings` is optional, at most 20 items of `{ align?: left | center | right, is_wrapped?: boolean }`;
 *   fewer items than columns leaves the rest at the default. A `null` item stands for "default" (SDKs send one to
 *   set a later column only).
 * - The page says nothing about rows of unequal length (only the `data_table` page requires equal rows), so ragged
 *   rows are accepted here.
 * Only one table fits in a message: Slack refuses a second with `invalid_attachments` (`only_one_table_allowed`),
 * because it shows a message's table as an attachment at the bottom of the message. Cell text is capped at 10,000
 * characters across a message, and tables are shown in messages and App Home but not in modals (Slack's own Block
 * Kit guidance, slackapi/slack-skills-plugin, skills/block-kit/references/data-display-design.md).
 */
export const TABLE_MAX_ROWS = 100;
export const TABLE_MAX_CELLS = 20;
export const TABLE_MAX_COLUMN_SETTINGS = 20;
export const TABLE_MAX_CELL_CHARS_PER_MESSAGE = 10_000;
export const TABLE_SURFACES: ReadonlySet<Surface> = new Set(['message', 'home']);

const ALIGNS = new Set(['left', 'center', 'right']);

/** Checks one table block; returns the characters of cell text it holds (for the per-message cap). */
export function checkTable(c: Checker, block: Record<string, unknown>, path: string, surface: Surface): number {
  if (!TABLE_SURFACES.has(surface)) c.add(`${path}/type`, `table blocks are not supported in ${surface}s`);
  let chars = 0;
  if (block.rows === undefined) c.add(`${path}/rows`, 'missing required field');
  const rows = checkArray(c, block.rows, `${path}/rows`, TABLE_MAX_ROWS);
  if (rows && rows.length === 0) c.add(`${path}/rows`, 'must provide at least 1 item');
  for (const [r, row] of (rows ?? []).entries()) {
    const rowPath = `${path}/rows/${r}`;
    if (!Array.isArray(row)) {
      c.add(rowPath, 'must provide an array');
      continue;
    }
    if (row.length === 0) c.add(rowPath, 'must provide at least 1 item');
    if (row.length > TABLE_MAX_CELLS) c.add(rowPath, `no more than ${TABLE_MAX_CELLS} items allowed`);
    for (const [i, cell] of row.entries()) chars += checkCell(c, cell, `${rowPath}/${i}`);
  }
  checkColumnSettings(c, block.column_settings, `${path}/column_settings`);
  return chars;
}

function checkCell(c: Checker, cell: unknown, path: string): number {
  if (!isObject(cell)) {
    c.add(path, 'must provide an object');
    return 0;
  }
  switch (cell.type) {
    case 'raw_text':
      return checkCellText(c, cell.text, `${path}/text`);
    case 'raw_number':
      if (typeof cell.value !== 'number' || !Number.isFinite(cell.value))
        c.add(`${path}/value`, 'must provide a number');
      return checkCellText(c, cell.text, `${path}/text`);
    case 'rich_text': {
      const elements = checkArray(c, cell.elements, `${path}/elements`, Number.POSITIVE_INFINITY, 1);
      return elements ? richTextChars(elements) : 0;
    }
    default:
      c.add(`${path}/type`, 'must be a valid enum value (raw_text, raw_number or rich_text)');
      return 0;
  }
}

function checkCellText(c: Checker, text: unknown, path: string): number {
  if (typeof text !== 'string') {
    c.add(path, text === undefined ? 'missing required field' : 'must provide a string');
    return 0;
  }
  if (text.length === 0) c.add(path, 'must be more than 0 characters');
  return charLength(text);
}

/** Characters a rich_text cell shows: its text runs, plus one per mention, emoji or date. */
function richTextChars(elements: unknown[]): number {
  let n = 0;
  const walk = (el: unknown) => {
    if (!isObject(el)) return;
    if (typeof el.text === 'string') n += charLength(el.text);
    else if (el.type !== undefined && !Array.isArray(el.elements)) n += 1;
    if (Array.isArray(el.elements)) el.elements.forEach(walk);
  };
  elements.forEach(walk);
  return n;
}

function checkColumnSettings(c: Checker, value: unknown, path: string): void {
  const settings = checkArray(c, value, path, TABLE_MAX_COLUMN_SETTINGS);
  for (const [i, s] of (settings ?? []).entries()) {
    if (s === null) continue;
    if (!isObject(s)) {
      c.add(`${path}/${i}`, 'must provide an object');
      continue;
    }
    if (s.align !== undefined && !ALIGNS.has(s.align))
      c.add(`${path}/${i}/align`, 'must be a valid enum value (left, center or right)');
    if (s.is_wrapped !== undefined && typeof s.is_wrapped !== 'boolean')
      c.add(`${path}/${i}/is_wrapped`, 'must be a boolean');
  }
}

/** Where the table blocks of a message are: top-level blocks and the blocks of its attachments. */
export function tablePaths(msg: { blocks?: unknown; attachments?: unknown }): string[] {
  const paths: string[] = [];
  const scan = (blocks: unknown, prefix: string) => {
    if (!Array.isArray(blocks)) return;
    blocks.forEach((b, i) => {
      if (isObject(b) && b.type === 'table') paths.push(`${prefix}/${i}`);
    });
  };
  scan(msg.blocks, '/blocks');
  if (Array.isArray(msg.attachments))
    msg.attachments.forEach((a, i) => {
      if (isObject(a)) scan(a.blocks, `/attachments/${i}/blocks`);
    });
  return paths;
}
