import { DIMENSIONS, type DimensionKey, type SegmentKey, isScore, isSegmentKey } from '../../domain/assessment/index.js';
import { ASSESS_BLOCK } from '../ids.js';
import { type ViewStateValues, readState } from './view-state.js';

export interface ParsedAssessment {
  segment: SegmentKey;
  channelId: string;
  scores: Record<DimensionKey, number>;
  notes: Partial<Record<DimensionKey, string>>;
  redFlags: string[];
}

/** Either a complete assessment or the inline errors to show, keyed by block id. */
export function parseAssessSubmission(values: ViewStateValues): { ok: true; value: ParsedAssessment } | { ok: false; errors: Record<string, string> } {
  const state = readState(values);
  const errors: Record<string, string> = {};
  const segment = state.selected(ASSESS_BLOCK.segment);
  if (!isSegmentKey(segment)) errors[ASSESS_BLOCK.segment] = 'Choose the segment that matches your go-to-market motion.';
  const channelId = state.conversation(ASSESS_BLOCK.channel);
  if (!channelId) errors[ASSESS_BLOCK.channel] = 'Choose a channel for the summary.';

  const scores = {} as Record<DimensionKey, number>;
  const notes: Partial<Record<DimensionKey, string>> = {};
  const redFlags: string[] = [];
  for (const dimension of DIMENSIONS) {
    const score = Number(state.selected(ASSESS_BLOCK.score(dimension.key)));
    if (isScore(score)) scores[dimension.key] = score;
    else errors[ASSESS_BLOCK.score(dimension.key)] = `Pick a score from 1 to 5 for ${dimension.shortLabel}.`;
    const note = state.text(ASSESS_BLOCK.note(dimension.key));
    if (note) notes[dimension.key] = note;
    const known = new Set(dimension.redFlags.map((f) => f.key));
    redFlags.push(...state.selectedMany(ASSESS_BLOCK.flags(dimension.key)).filter((key) => known.has(key)));
  }

  if (Object.keys(errors).length > 0 || !isSegmentKey(segment) || !channelId) return { ok: false, errors };
  return { ok: true, value: { segment, channelId, scores, notes, redFlags } };
}
