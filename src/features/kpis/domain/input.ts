import { z } from 'zod';
import type { DealRecord, LeadRecord, SpendRecord, TouchpointRecord } from './records.js';
import { LEAD_STAGES } from './records.js';

/** The four kinds a CSV file or an ingest request carries. */
export const GTM_KINDS = ['leads', 'touchpoints', 'deals', 'spend'] as const;
export type GtmKind = (typeof GTM_KINDS)[number];
export const isGtmKind = (value: string): value is GtmKind => (GTM_KINDS as readonly string[]).includes(value);

export interface GtmRecordOf {
  leads: LeadRecord;
  touchpoints: TouchpointRecord;
  deals: DealRecord;
  spend: SpendRecord;
}

/** Columns per kind (CSV header names and JSON keys), required ones first. */
export const GTM_COLUMNS: Record<GtmKind, { required: string[]; optional: string[] }> = {
  leads: {
    required: ['id', 'account'],
    optional: ['source', 'subscriber_at', 'lead_at', 'engaged_lead_at', 'mql_at', 'sql_at'],
  },
  touchpoints: { required: ['id', 'channel', 'at'], optional: ['lead_id', 'account'] },
  deals: {
    required: ['id', 'account', 'amount', 'currency', 'created_at', 'outcome'],
    optional: ['closed_at', 'ols', 'ols_at', 'cs', 'cs_at'],
  },
  spend: { required: ['month', 'channel', 'amount', 'currency'], optional: [] },
};

export interface FieldError {
  field: string;
  message: string;
}
export type RowResult<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** YYYY-MM-DD (midnight UTC) or an ISO date-time with Z or an offset. */
export function parseInstant(text: string): Date | null {
  const date = DATE_ONLY.exec(text);
  if (date) {
    const [, y, m, d] = date.map(Number) as [number, number, number, number];
    const at = new Date(Date.UTC(y, m - 1, d));
    return at.getUTCMonth() === m - 1 && at.getUTCDate() === d ? at : null;
  }
  if (!DATE_TIME.test(text)) return null;
  const at = new Date(text.replace(' ', 'T'));
  return Number.isNaN(at.getTime()) ? null : at;
}

const cell = z
  .union([z.string(), z.number(), z.null(), z.undefined()])
  .transform((v) => (v == null ? '' : String(v).trim()));
const required = (what: string) => cell.pipe(z.string().min(1, { error: `is required (${what})` }));
const optional = cell.transform((v) => (v === '' ? null : v));
const text = (max: number, what: string) =>
  required(what).pipe(z.string().max(max, { error: `must be at most ${max} characters` }));
const optionalText = (max: number) =>
  optional.pipe(
    z
      .string()
      .max(max, { error: `must be at most ${max} characters` })
      .nullable(),
  );
const instant = (what: string) =>
  required(what).transform((v, ctx) => {
    const at = parseInstant(v);
    if (!at) ctx.addIssue({ code: 'custom', message: `"${v}" is not a date: use YYYY-MM-DD or 2026-11-23T09:30:00Z` });
    return at ?? new Date(0);
  });
const optionalInstant = optional.transform((v, ctx) => {
  if (v === null) return null;
  const at = parseInstant(v);
  if (!at) ctx.addIssue({ code: 'custom', message: `"${v}" is not a date: use YYYY-MM-DD or 2026-11-23T09:30:00Z` });
  return at;
});
const amount = required('a number such as 12000 or 12000.50').transform((v, ctx) => {
  if (!/^\d{1,13}(\.\d{1,2})?$/.test(v)) {
    ctx.addIssue({
      code: 'custom',
      message: `"${v}" is not an amount: digits with at most two decimals, no currency sign or separators`,
    });
    return 0;
  }
  return Math.round(Number(v) * 100);
});
const currency = required('a three-letter code such as EUR').transform((v, ctx) => {
  const code = v.toUpperCase();
  if (!/^[A-Z]{3}$/.test(code))
    ctx.addIssue({ code: 'custom', message: `"${v}" is not a currency: use a three-letter code such as EUR or USD` });
  return code;
});
const key = (what: string) => text(200, what);
const lower = (s: string | null) => s?.toLowerCase() ?? null;

const leadSchema = z
  .object({
    id: key('the CRM id of the lead'),
    account: text(200, 'the account name or domain'),
    source: optionalText(100),
    subscriber_at: optionalInstant,
    lead_at: optionalInstant,
    engaged_lead_at: optionalInstant,
    mql_at: optionalInstant,
    sql_at: optionalInstant,
  })
  .superRefine((row, ctx) => {
    const dated = LEAD_STAGES.map((s) => [`${s}_at`, row[`${s}_at` as const]] as const).filter(([, at]) => at);
    if (dated.length === 0)
      ctx.addIssue({ code: 'custom', path: ['subscriber_at'], message: 'a lead needs the date of at least one stage' });
    for (let i = 1; i < dated.length; i += 1) {
      const [field, at] = dated[i]!;
      const [before, beforeAt] = dated[i - 1]!;
      if (at!.getTime() < beforeAt!.getTime())
        ctx.addIssue({ code: 'custom', path: [field], message: `is before ${before}: stages only move forward` });
    }
  });

const touchpointSchema = z
  .object({
    id: key('the touchpoint id'),
    lead_id: optionalText(200),
    account: optionalText(200),
    channel: text(100, 'e.g. webinar'),
    at: instant('when it happened'),
  })
  .superRefine((row, ctx) => {
    if (!row.lead_id && !row.account)
      ctx.addIssue({ code: 'custom', path: ['lead_id'], message: 'a touchpoint needs a lead_id or an account' });
  });

const dealSchema = z
  .object({
    id: key('the CRM id of the deal'),
    account: text(200, 'the account name or domain'),
    amount,
    currency,
    created_at: instant('when the deal was created'),
    closed_at: optionalInstant,
    outcome: required('open, won or lost').transform((v, ctx) => {
      const o = v.toLowerCase();
      if (o !== 'open' && o !== 'won' && o !== 'lost')
        ctx.addIssue({ code: 'custom', message: `"${v}" is not an outcome: use open, won or lost` });
      return o as DealRecord['outcome'];
    }),
    ols: optionalText(100),
    ols_at: optionalInstant,
    cs: optionalText(100),
    cs_at: optionalInstant,
  })
  .superRefine((row, ctx) => {
    if (row.outcome !== 'open' && !row.closed_at)
      ctx.addIssue({ code: 'custom', path: ['closed_at'], message: `is required for a ${row.outcome} deal` });
    if (row.outcome === 'open' && row.closed_at)
      ctx.addIssue({ code: 'custom', path: ['closed_at'], message: 'must be empty for an open deal' });
    if (row.closed_at && row.closed_at.getTime() < row.created_at.getTime())
      ctx.addIssue({ code: 'custom', path: ['closed_at'], message: 'is before created_at' });
  });

const spendSchema = z.object({
  month: required('YYYY-MM').refine((v) => /^\d{4}-(0[1-9]|1[0-2])$/.test(v), { error: 'is not a month: use YYYY-MM' }),
  channel: text(100, 'e.g. paid_search'),
  amount,
  currency,
});

function issues(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({ field: String(issue.path[0] ?? 'row'), message: issue.message }));
}

/** Checks one row (a CSV record keyed by header, or a JSON object) and turns it into a record. */
export function parseGtmRow<K extends GtmKind>(kind: K, row: Record<string, unknown>): RowResult<GtmRecordOf[K]> {
  const columns = GTM_COLUMNS[kind];
  const known = new Set([...columns.required, ...columns.optional]);
  const unknown = Object.keys(row).filter((k) => !known.has(k));
  if (unknown.length > 0) {
    return {
      ok: false,
      errors: unknown.map((field) => ({
        field,
        message: `is not a ${kind} column (columns: ${[...known].join(', ')})`,
      })),
    };
  }
  // Absent columns read as empty cells, so CSV and JSON get the same messages.
  const complete = Object.fromEntries([...known].map((k) => [k, row[k] ?? '']));
  return parseKnown(kind, complete) as RowResult<GtmRecordOf[K]>;
}

function parseKnown(kind: GtmKind, row: Record<string, unknown>): RowResult<GtmRecordOf[GtmKind]> {
  switch (kind) {
    case 'leads': {
      const r = leadSchema.safeParse(row);
      if (!r.success) return { ok: false, errors: issues(r.error) };
      const d = r.data;
      const stages: LeadRecord['stages'] = {};
      for (const s of LEAD_STAGES) {
        const at = d[`${s}_at`];
        if (at) stages[s] = at;
      }
      return { ok: true, value: { id: d.id, account: d.account.toLowerCase(), source: d.source, stages } };
    }
    case 'touchpoints': {
      const r = touchpointSchema.safeParse(row);
      if (!r.success) return { ok: false, errors: issues(r.error) };
      const d = r.data;
      return {
        ok: true,
        value: { id: d.id, leadId: d.lead_id, account: lower(d.account), channel: d.channel, at: d.at },
      };
    }
    case 'deals': {
      const r = dealSchema.safeParse(row);
      if (!r.success) return { ok: false, errors: issues(r.error) };
      const d = r.data;
      return {
        ok: true,
        value: {
          id: d.id,
          account: d.account.toLowerCase(),
          amountMinor: d.amount,
          currency: d.currency,
          createdAt: d.created_at,
          closedAt: d.closed_at,
          outcome: d.outcome,
          ols: d.ols,
          olsAt: d.ols_at,
          cs: d.cs,
          csAt: d.cs_at,
        },
      };
    }
    case 'spend': {
      const r = spendSchema.safeParse(row);
      if (!r.success) return { ok: false, errors: issues(r.error) };
      const d = r.data;
      return { ok: true, value: { month: d.month, channel: d.channel, amountMinor: d.amount, currency: d.currency } };
    }
  }
}

/** The upsert key of a record: its CRM id; spend is keyed by month and channel. */
export function recordKey(kind: GtmKind, record: GtmRecordOf[GtmKind]): string {
  if (kind === 'spend') {
    const s = record as SpendRecord;
    return `${s.month}/${s.channel}`;
  }
  return (record as { id: string }).id;
}
