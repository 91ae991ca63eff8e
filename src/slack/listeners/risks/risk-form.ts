import { z } from 'zod';
import type { RawRiskInput, RiskField } from '../../../domain/risks/index.js';
import { INPUT_ACTION, RISK_BLOCK } from '../../ids.js';

// The parts of the risk forms' state we read; Slack sends more, zod drops it.
const elementState = z.object({
  type: z.string(),
  value: z.string().nullish(),
  selected_option: z.object({ value: z.string() }).nullish(),
  selected_user: z.string().nullish(),
  selected_date: z.string().nullish(),
});
export const riskStateSchema = z.record(z.string(), z.record(z.string(), elementState));

const read = (values: z.infer<typeof riskStateSchema>, blockId: string) => values[blockId]?.[INPUT_ACTION];

export function readRiskForm(state: unknown): RawRiskInput {
  const values = riskStateSchema.parse(state);
  const text = (blockId: string) => read(values, blockId)?.value ?? null;
  return {
    category: read(values, RISK_BLOCK.category)?.selected_option?.value ?? null,
    title: text(RISK_BLOCK.title),
    description: text(RISK_BLOCK.description),
    likelihood: text(RISK_BLOCK.likelihood),
    impact: text(RISK_BLOCK.impact),
    mitigation: text(RISK_BLOCK.mitigation),
    kpis: text(RISK_BLOCK.kpis),
    ownerId: read(values, RISK_BLOCK.owner)?.selected_user ?? null,
    reviewDate: read(values, RISK_BLOCK.reviewDate)?.selected_date ?? null,
  };
}

export function readRescoreForm(state: unknown) {
  const values = riskStateSchema.parse(state);
  const text = (blockId: string) => read(values, blockId)?.value ?? null;
  return { likelihood: text(RISK_BLOCK.likelihood), impact: text(RISK_BLOCK.impact), note: text(RISK_BLOCK.note) };
}

export function readCloseForm(state: unknown): string | null {
  return read(riskStateSchema.parse(state), RISK_BLOCK.resolution)?.value ?? null;
}

/** Domain field -> the input block that shows its error. */
export const RISK_FIELD_BLOCK: Record<RiskField | 'note' | 'resolution', string> = {
  category: RISK_BLOCK.category,
  title: RISK_BLOCK.title,
  description: RISK_BLOCK.description,
  likelihood: RISK_BLOCK.likelihood,
  impact: RISK_BLOCK.impact,
  mitigation: RISK_BLOCK.mitigation,
  kpis: RISK_BLOCK.kpis,
  ownerId: RISK_BLOCK.owner,
  reviewDate: RISK_BLOCK.reviewDate,
  note: RISK_BLOCK.note,
  resolution: RISK_BLOCK.resolution,
};

export const blockErrors = (errors: Partial<Record<keyof typeof RISK_FIELD_BLOCK, string>>): Record<string, string> =>
  Object.fromEntries(Object.entries(errors).map(([field, message]) => [RISK_FIELD_BLOCK[field as keyof typeof RISK_FIELD_BLOCK], message as string]));

// What a risk modal remembers: which risk, and where to answer.
const metadataSchema = z.object({
  riskId: z.number().int().nullable(),
  originChannelId: z.string().nullable(),
  responseUrl: z.string().nullable(),
});
export type RiskModalMetadata = z.infer<typeof metadataSchema>;

export const encodeRiskMetadata = (m: RiskModalMetadata) => JSON.stringify(m);

export function decodeRiskMetadata(raw: string | undefined): RiskModalMetadata {
  try {
    const parsed = metadataSchema.safeParse(JSON.parse(raw ?? ''));
    if (parsed.success) return parsed.data;
  } catch {
    // Not ours or empty: answer by DM and treat as a new risk.
  }
  return { riskId: null, originChannelId: null, responseUrl: null };
}
