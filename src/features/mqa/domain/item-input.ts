import { z } from 'zod';

/** Where an account came from; direct requests get priority and go to the review director. */
export const MQA_SOURCES = ['direct_request', 'intent_signal', 'engagement', 'event', 'partner', 'other'] as const;
export type MqaSource = (typeof MQA_SOURCES)[number];

export const SOURCE_LABEL: Record<MqaSource, string> = {
  direct_request: 'Direct request',
  intent_signal: 'Intent signal',
  engagement: 'Engagement',
  event: 'Event',
  partner: 'Partner',
  other: 'Other',
};

export const MQA_PRIORITIES = ['high', 'normal'] as const;
export type MqaPriority = (typeof MQA_PRIORITIES)[number];

const text = (max: number) =>
  z
    .string()
    .transform((v) => v.trim())
    .pipe(z.string().max(max, { error: `must be at most ${max} characters` }));
const optionalText = (max: number) =>
  z
    .string()
    .nullish()
    .transform((v) => v?.trim() || null)
    .pipe(
      z
        .string()
        .max(max, { error: `must be at most ${max} characters` })
        .nullable(),
    );

/** example.com, sub.example.co.uk; a pasted URL or www. is reduced to the bare domain. */
export function normalizeDomain(raw: string): string {
  return raw
    .trim()
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, '')
    .replace(/^www\./, '')
    .replace(/[/?#].*$/, '');
}
const DOMAIN = /^(?=.{3,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

const sourceByName = (raw: string): string => {
  const key = raw
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  const aliases: Record<string, MqaSource> = {
    direct: 'direct_request',
    intent: 'intent_signal',
    demo_request: 'direct_request',
  };
  return aliases[key] ?? key;
};

/** One MQA item as people, the CSV and the CRM give it. Shared by the modal, the import and the ingest endpoint. */
export const mqaItemInputSchema = z
  .object({
    accountName: text(120).pipe(z.string().min(1, { error: 'is required' })),
    domain: z
      .string({ error: 'is required' })
      .transform(normalizeDomain)
      .pipe(z.string().regex(DOMAIN, { error: 'must be a domain such as example.com' })),
    segment: optionalText(60),
    tier: optionalText(60),
    region: optionalText(60),
    intentTopics: z
      .union([z.array(z.string()), z.string()])
      .nullish()
      .transform((v) =>
        [...new Set((Array.isArray(v) ? v : (v ?? '').split(/[;,]/)).map((t) => t.trim()).filter(Boolean))].slice(
          0,
          20,
        ),
      )
      .pipe(z.array(z.string().max(60, { error: 'each topic must be at most 60 characters' }))),
    evidence: optionalText(2000),
    source: z
      .string({ error: 'is required' })
      .transform(sourceByName)
      .pipe(z.enum(MQA_SOURCES, { error: `must be one of ${MQA_SOURCES.join(', ')}` })),
    priority: z
      .string()
      .nullish()
      .transform((v) => v?.trim().toLowerCase() || null)
      .pipe(z.enum(MQA_PRIORITIES, { error: 'must be high or normal' }).nullable()),
    ownerId: optionalText(20).pipe(
      z
        .string()
        .regex(/^[UW][A-Z0-9]+$/, { error: 'must be a Slack user id such as U0123ABC' })
        .nullable(),
    ),
    externalId: optionalText(120),
  })
  .transform(
    (v) => ({ ...v, priority: v.priority ?? (v.source === 'direct_request' ? 'high' : 'normal') }) as MqaItemInput,
  );

export interface MqaItemInput {
  accountName: string;
  domain: string;
  segment: string | null;
  tier: string | null;
  region: string | null;
  intentTopics: string[];
  evidence: string | null;
  source: MqaSource;
  priority: MqaPriority;
  ownerId: string | null;
  externalId: string | null;
}

export type MqaInputField = keyof MqaItemInput;

export type ParsedItem =
  | { ok: true; value: MqaItemInput }
  | { ok: false; errors: Partial<Record<MqaInputField, string>> };

/** Validates raw input; errors are keyed by field with a sentence a person can act on. */
export function parseMqaItemInput(raw: unknown): ParsedItem {
  const result = mqaItemInputSchema.safeParse(raw);
  if (result.success) return { ok: true, value: result.data };
  const errors: Partial<Record<MqaInputField, string>> = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? 'accountName') as MqaInputField;
    errors[field] ??= issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue.message;
  }
  return { ok: false, errors };
}
