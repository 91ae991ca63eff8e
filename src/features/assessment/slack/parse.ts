import { readState, type ViewStateValues } from '../../../slack/parse/view-state.js';
import { ROUND } from '../../rounds/slack/ids.js';
import {
  DIMENSIONS,
  type DimensionKey,
  type FunctionKey,
  isFunctionKey,
  isScore,
  isSegmentKey,
  NOTE_MAX_CHARS,
  noteLength,
  type SegmentKey,
} from '../domain/index.js';
import { ASSESS_BLOCK } from './ids.js';

export interface DimensionAnswers {
  scores: Record<DimensionKey, number>;
  notes: Partial<Record<DimensionKey, string>>;
  redFlags: string[];
}

export interface ParsedAssessment extends DimensionAnswers {
  segment: SegmentKey;
  channelId: string;
}

export interface ParsedRoundAnswer extends DimensionAnswers {
  function: FunctionKey;
}

type Parsed<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string> };

/** Scores, flags and notes of the five dimensions; inline errors go into `errors`, keyed by block id. */
function parseDimensionAnswers(values: ViewStateValues, errors: Record<string, string>): DimensionAnswers {
  const state = readState(values);
  const scores = {} as Record<DimensionKey, number>;
  const notes: Partial<Record<DimensionKey, string>> = {};
  const redFlags: string[] = [];
  for (const dimension of DIMENSIONS) {
    const score = Number(state.selected(ASSESS_BLOCK.score(dimension.key)));
    if (isScore(score)) scores[dimension.key] = score;
    else errors[ASSESS_BLOCK.score(dimension.key)] = `Pick a score from 1 to 5 for ${dimension.shortLabel}.`;
    const note = state.text(ASSESS_BLOCK.note(dimension.key));
    // Slack's input stops longer notes; a client that skips that check gets the same limit, stated, not a cut note.
    if (note && noteLength(note) > NOTE_MAX_CHARS) {
      errors[ASSESS_BLOCK.note(dimension.key)] =
        `Keep the note to ${NOTE_MAX_CHARS} characters: this one has ${noteLength(note)}.`;
    } else if (note) notes[dimension.key] = note;
    const known = new Set(dimension.redFlags.map((f) => f.key));
    redFlags.push(...state.selectedMany(ASSESS_BLOCK.flags(dimension.key)).filter((key) => known.has(key)));
  }
  return { scores, notes, redFlags };
}

/** Either a complete assessment or the inline errors to show, keyed by block id. */
export function parseAssessSubmission(values: ViewStateValues): Parsed<ParsedAssessment> {
  const state = readState(values);
  const errors: Record<string, string> = {};
  const segment = state.selected(ASSESS_BLOCK.segment);
  if (!isSegmentKey(segment))
    errors[ASSESS_BLOCK.segment] = 'Choose the segment that matches your go-to-market motion.';
  const channelId = state.conversation(ASSESS_BLOCK.channel);
  if (!channelId) errors[ASSESS_BLOCK.channel] = 'Choose a channel for the summary.';
  const answers = parseDimensionAnswers(values, errors);
  if (Object.keys(errors).length > 0 || !isSegmentKey(segment) || !channelId) return { ok: false, errors };
  return { ok: true, value: { segment, channelId, ...answers } };
}

/** A round answer: the five dimensions plus the respondent's function. */
export function parseRoundAnswerSubmission(values: ViewStateValues): Parsed<ParsedRoundAnswer> {
  const errors: Record<string, string> = {};
  const fn = readState(values).selected(ROUND.functionBlock);
  if (!isFunctionKey(fn))
    errors[ROUND.functionBlock] = 'Choose your function: it is how the round compares Product and Marketing.';
  const answers = parseDimensionAnswers(values, errors);
  if (Object.keys(errors).length > 0 || !isFunctionKey(fn)) return { ok: false, errors };
  return { ok: true, value: { function: fn, ...answers } };
}
