/** A small RFC 4180 CSV reader: quoted fields, "" escapes, commas and newlines inside quotes, CRLF or LF. Pure. */

export interface CsvRow {
  /** 1-based line number where the record starts in the file. */
  line: number;
  fields: string[];
}

export type CsvResult = { ok: true; rows: CsvRow[] } | { ok: false; line: number; error: string };

export function parseCsv(text: string): CsvResult {
  const rows: CsvRow[] = [];
  const input = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let field = '';
  let fields: string[] = [];
  let line = 1;
  let recordLine = 1;
  let inQuotes = false;
  let quotedField = false;
  let i = 0;

  const endField = () => {
    fields.push(field);
    field = '';
    quotedField = false;
  };
  const endRecord = () => {
    endField();
    // A blank line is no record.
    if (!(fields.length === 1 && fields[0] === '')) rows.push({ line: recordLine, fields });
    fields = [];
  };

  while (i < input.length) {
    const c = input[i] as string;
    if (inQuotes) {
      if (c === '"') {
        if (input[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
        i += 1;
        const next = input[i];
        if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
          return { ok: false, line, error: 'unexpected text after a closing quote' };
        }
        continue;
      }
      if (c === '\n') line += 1;
      field += c;
      i += 1;
      continue;
    }
    if (c === '"') {
      if (field !== '' || quotedField)
        return {
          ok: false,
          line,
          error: 'a quote inside an unquoted field (wrap the field in quotes and double the quote)',
        };
      inQuotes = true;
      quotedField = true;
      i += 1;
      continue;
    }
    if (c === ',') {
      endField();
      i += 1;
      continue;
    }
    if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && input[i + 1] === '\n' ? 2 : 1;
      line += 1;
      recordLine = line;
      continue;
    }
    field += c;
    i += 1;
  }
  if (inQuotes) return { ok: false, line: recordLine, error: 'a quoted field is never closed' };
  if (field !== '' || fields.length > 0 || quotedField) endRecord();
  return { ok: true, rows };
}

/**
 * True when the header only makes sense split on semicolons, as spreadsheets in many locales save "CSV". No column
 * name contains one, so a semicolon in the header is the tell.
 */
export function looksSemicolonSeparated(headerFields: string[]): boolean {
  return headerFields.some((field) => field.includes(';'));
}

export const SEMICOLON_HINT =
  'the file looks semicolon-separated (columns split by ";"); save it as CSV with commas between the fields, e.g. "CSV UTF-8 (comma delimited)" in Excel';
