import { z } from 'zod';
import { readState, viewStateSchema } from '../../../slack/parse/view-state.js';
import type { RawRiskInput, RiskField } from '../domain/index.js';
import { RISK_BLOCK } from './ids.js';

const reader = (state: unknown) => readState(viewStateSchema.parse(state));

export function readRiskForm(state: unknown): RawRiskInput {
  const { text, selected, user, date } = reader(state);
  return {
    category: selected(RISK_BLOCK.category),
    title: text(RISK_BLOCK.title),
    description: text(RISK_BLOCK.description),
    likelihood: text(RISK_BLOCK.likelihood),
    impact: text(RISK_BLOCK.impact),
    mitigation: text(RISK_BLOCK.mitigation),
    kpis: text(RISK_BLOCK.kpis),
    ownerId: user(RISK_BLOCK.owner),
    reviewDate: date(RISK_BLOCK.reviewDate),
  };
}

export function readRescoreForm(state: unknown) {
  const { text } = reader(state);
  return { likelihood: text(RISK_BLOCK.likelihood), impact: text(RISK_BLOCK.impact), note: text(RISK_BLOCK.note) };
}

export function readCloseForm(state: unknown): string | null {
  return reader(state).text(RISK_BLOCK.resolution);
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
  Object.fromEntries(
    Object.entries(errors).map(([field, message]) => [
      RISK_FIELD_BLOCK[field as keyof typeof RISK_FIELD_BLOCK],
      message as string,
    ]),
  );

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
