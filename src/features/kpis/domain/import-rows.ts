import { looksSemicolonSeparated, parseCsv, SEMICOLON_HINT } from '../../mqa/domain/csv.js';
import { GTM_COLUMNS, type GtmKind, type GtmRecordOf, parseGtmRow, recordKey } from './input.js';

/** A problem with one row: `row` is the CSV line number (or the 1-based position in a JSON array). */
export interface RowError {
  row: number;
  field: string;
  message: string;
}

export type RowsResult<K extends GtmKind> =
  | { ok: true; records: Array<GtmRecordOf[K]> }
  | { ok: false; errors: RowError[] };

/** Checks every row; any error rejects the whole batch. Two rows with the same key in one batch are an error. */
export function checkRows<K extends GtmKind>(
  kind: K,
  rows: Array<{ row: number; values: Record<string, unknown> }>,
): RowsResult<K> {
  const errors: RowError[] = [];
  const records: Array<GtmRecordOf[K]> = [];
  const seen = new Map<string, number>();
  if (rows.length === 0)
    return { ok: false, errors: [{ row: 1, field: 'rows', message: 'there are no rows to import' }] };
  for (const { row, values } of rows) {
    const result = parseGtmRow(kind, values);
    if (!result.ok) {
      errors.push(...result.errors.map((e) => ({ row, ...e })));
      continue;
    }
    const key = recordKey(kind, result.value);
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push({
        row,
        field: kind === 'spend' ? 'month' : 'id',
        message: `"${key}" is already on row ${first}; each ${kind === 'spend' ? 'month and channel' : 'id'} once per file`,
      });
      continue;
    }
    seen.set(key, row);
    records.push(result.value);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, records };
}

const headerKey = (h: string) =>
  h
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

/** A CSV file with a header line; errors name the file's line numbers and the column. */
export function checkCsv<K extends GtmKind>(kind: K, csv: string): RowsResult<K> {
  const parsed = parseCsv(csv);
  if (!parsed.ok) return { ok: false, errors: [{ row: parsed.line, field: 'file', message: parsed.error }] };
  const [header, ...rows] = parsed.rows;
  if (!header)
    return {
      ok: false,
      errors: [{ row: 1, field: 'header', message: 'the file is empty; the first line must name the columns' }],
    };
  if (looksSemicolonSeparated(header.fields))
    return { ok: false, errors: [{ row: header.line, field: 'header', message: SEMICOLON_HINT }] };
  const keys = header.fields.map(headerKey);
  const columns = GTM_COLUMNS[kind];
  const all = [...columns.required, ...columns.optional];
  const problems: RowError[] = [
    ...keys
      .filter((k) => !all.includes(k))
      .map((k) => ({ row: header.line, field: k, message: `is not a ${kind} column (columns: ${all.join(', ')})` })),
    ...columns.required
      .filter((k) => !keys.includes(k))
      .map((k) => ({ row: header.line, field: k, message: 'column is missing from the header' })),
  ];
  if (problems.length > 0) return { ok: false, errors: problems };
  const shaped: Array<{ row: number; values: Record<string, unknown> }> = [];
  const errors: RowError[] = [];
  for (const row of rows) {
    if (row.fields.length !== keys.length) {
      errors.push({
        row: row.line,
        field: 'row',
        message: `has ${row.fields.length} fields; the header has ${keys.length}`,
      });
      continue;
    }
    shaped.push({ row: row.line, values: Object.fromEntries(keys.map((k, i) => [k, row.fields[i]])) });
  }
  if (rows.length === 0)
    return { ok: false, errors: [{ row: header.line, field: 'rows', message: 'no rows after the header' }] };
  const checked = checkRows(kind, shaped);
  if (errors.length > 0)
    return { ok: false, errors: [...errors, ...(checked.ok ? [] : checked.errors)].sort((a, b) => a.row - b.row) };
  return checked;
}

export const describeRowError = (e: RowError, unit = 'line') => `${unit} ${e.row}, ${e.field}: ${e.message}`;
