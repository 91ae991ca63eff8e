import { toCsv } from '../../rounds/domain/csv.js';

/**
 * A database value as a CSV cell: null is empty, numbers stay numbers, everything else is text. `toCsv` quotes
 * per RFC 4180 and defuses text a spreadsheet would run as a formula (=, +, -, @ first), as every export does.
 */
export function cellOf(value: unknown): string | number {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** One table as a CSV file: the header row (the column names), then a line per row, CRLF line ends. */
export function tableCsv(columns: readonly string[], rows: ReadonlyArray<ReadonlyArray<unknown>>): string {
  return toCsv([columns, ...rows.map((row) => row.map(cellOf))]);
}
