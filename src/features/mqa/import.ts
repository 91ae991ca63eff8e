import { noun } from '../../domain/text/plural.js';
import {
  looksSemicolonSeparated,
  type MqaActor,
  type MqaItemInput,
  parseCsv,
  parseMqaItemInput,
  SEMICOLON_HINT,
} from './domain/index.js';
import { MqaUpsertConflict } from './repository.js';
import type { MqaService } from './service.js';

/** CSV header -> input field. Headers are matched case-insensitively; spaces and dashes count as underscores. */
export const CSV_COLUMNS: Record<string, keyof MqaItemInput> = {
  account_name: 'accountName',
  domain: 'domain',
  segment: 'segment',
  tier: 'tier',
  region: 'region',
  intent_topics: 'intentTopics',
  evidence: 'evidence',
  source: 'source',
  priority: 'priority',
  owner: 'ownerId',
  external_id: 'externalId',
};
const REQUIRED = ['account_name', 'domain', 'source'];

export type ImportResult =
  | { ok: true; created: number; updated: number }
  | { ok: false; errors: Array<{ line: number; message: string }> };

const headerKey = (h: string) =>
  h
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

/** Checks every row first; writes all rows in one transaction or none. Errors name the file's line numbers. */
export async function importMqaCsv(mqa: MqaService, teamId: string, csv: string, by: MqaActor): Promise<ImportResult> {
  const parsed = parseCsv(csv);
  if (!parsed.ok) return { ok: false, errors: [{ line: parsed.line, message: parsed.error }] };
  const [header, ...rows] = parsed.rows;
  if (!header)
    return { ok: false, errors: [{ line: 1, message: 'the file is empty; the first line must name the columns' }] };
  if (looksSemicolonSeparated(header.fields))
    return { ok: false, errors: [{ line: header.line, message: SEMICOLON_HINT }] };
  const keys = header.fields.map(headerKey);
  const unknown = keys.filter((k) => !(k in CSV_COLUMNS));
  const missing = REQUIRED.filter((k) => !keys.includes(k));
  if (unknown.length > 0 || missing.length > 0) {
    const problems = [
      ...(unknown.length > 0 ? [`unknown ${noun(unknown.length, 'column')} ${unknown.join(', ')}`] : []),
      ...(missing.length > 0 ? [`missing ${noun(missing.length, 'column')} ${missing.join(', ')}`] : []),
    ];
    return {
      ok: false,
      errors: [
        { line: header.line, message: `${problems.join('; ')}. Columns: ${Object.keys(CSV_COLUMNS).join(', ')}` },
      ],
    };
  }
  if (rows.length === 0) return { ok: false, errors: [{ line: header.line, message: 'no rows after the header' }] };

  const errors: Array<{ line: number; message: string }> = [];
  const inputs: MqaItemInput[] = [];
  const lines: number[] = [];
  const seen = new Map<string, number>();
  for (const row of rows) {
    if (row.fields.length !== keys.length) {
      errors.push({ line: row.line, message: `has ${row.fields.length} fields, the header has ${keys.length}` });
      continue;
    }
    const raw: Record<string, string> = {};
    keys.forEach((k, i) => {
      raw[CSV_COLUMNS[k] as string] = row.fields[i] ?? '';
    });
    const result = parseMqaItemInput(raw);
    if (!result.ok) {
      const byColumn = Object.entries(CSV_COLUMNS);
      const message = Object.entries(result.errors)
        .map(([field, text]) => `${byColumn.find(([, f]) => f === field)?.[0] ?? field} ${text}`)
        .join('; ');
      errors.push({ line: row.line, message });
      continue;
    }
    const key = result.value.externalId ? `x:${result.value.externalId}` : `d:${result.value.domain}`;
    const earlier = seen.get(key) ?? seen.get(`d:${result.value.domain}`);
    if (earlier !== undefined) {
      errors.push({ line: row.line, message: `repeats the account on line ${earlier}` });
      continue;
    }
    seen.set(key, row.line);
    seen.set(`d:${result.value.domain}`, row.line);
    inputs.push(result.value);
    lines.push(row.line);
  }
  if (errors.length > 0) return { ok: false, errors };
  try {
    const outcomes = await mqa.upsert(teamId, inputs, by, { deliverNow: false });
    return {
      ok: true,
      created: outcomes.filter((o) => o.created).length,
      updated: outcomes.filter((o) => !o.created).length,
    };
  } catch (error) {
    if (error instanceof MqaUpsertConflict)
      return { ok: false, errors: [{ line: lines[error.index] ?? 0, message: error.message }] };
    throw error;
  }
}
