import { escapeMrkdwn } from '../../../../domain/text/mrkdwn.js';
import {
  context,
  divider,
  header,
  type KnownBlock,
  type ModalView,
  option,
  plain,
  section,
} from '../../../../slack/blocks.js';
import { INPUT_ACTION } from '../../../../slack/ids.js';
import { DIMENSIONS, NOTE_MAX_CHARS, SEGMENTS, type SegmentKey } from '../../domain/index.js';
import { ASSESS_BLOCK, ASSESS_VIEW } from '../ids.js';

export interface AssessModalInput {
  segment: SegmentKey | null;
  channelId: string | null;
  privateMetadata: string;
}

export const segmentOptions = () => SEGMENTS.map((s) => option(s.name, s.key));

/**
 * The assessment modal. Level descriptions are longer than Slack's 75-character option limit, so each
 * dimension shows them in full in a section above a short "3 · Defined" choice: nothing is cut.
 */
export function assessModal(input: AssessModalInput): ModalView {
  const segments = segmentOptions();
  const blocks: KnownBlock[] = [
    section('Score each dimension from 1 to 5. The full description of every level is shown above its choices.'),
    {
      type: 'input',
      block_id: ASSESS_BLOCK.segment,
      label: plain('Segment'),
      hint: plain("Your go-to-market motion: the verdict compares your score with this segment's benchmarks."),
      element: {
        type: 'static_select',
        action_id: INPUT_ACTION,
        placeholder: plain('Choose a segment'),
        options: segments,
        ...(input.segment ? { initial_option: segments.find((o) => o.value === input.segment) } : {}),
      },
    },
  ];

  blocks.push(...dimensionInputBlocks());

  blocks.push(divider(), {
    type: 'input',
    block_id: ASSESS_BLOCK.channel,
    label: plain('Post the summary to'),
    hint: plain('Invite @Loopkeeper to a private channel before posting there.'),
    element: {
      type: 'conversations_select',
      action_id: INPUT_ACTION,
      placeholder: plain('Choose a channel'),
      filter: { include: ['public', 'private'], exclude_bot_users: true },
      ...(input.channelId ? { initial_conversation: input.channelId } : {}),
    },
  });

  return {
    type: 'modal',
    callback_id: ASSESS_VIEW.modal,
    title: plain('Feedback-loop check'),
    submit: plain('Submit'),
    close: plain('Cancel'),
    private_metadata: input.privateMetadata,
    blocks,
  };
}

/** Answers to pre-fill, e.g. a round respondent's latest answer. */
export interface AssessAnswers {
  scores: Readonly<Record<string, number>>;
  redFlags: readonly string[];
  notes: Readonly<Record<string, string>>;
}

/** For each dimension: the level descriptions, then score, red flags and note inputs (pre-filled when given). */
export function dimensionInputBlocks(initial?: AssessAnswers): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  DIMENSIONS.forEach((dimension, index) => {
    blocks.push(
      divider(),
      header(`${index + 1}. ${dimension.name}`),
      context(escapeMrkdwn(dimension.measures)),
      section(
        dimension.levels
          .map(
            (l) => `*${l.score} · ${l.name}*: ${escapeMrkdwn(l.description)}\n_Evidence: ${escapeMrkdwn(l.evidence)}_`,
          )
          .join('\n'),
      ),
      {
        type: 'input',
        block_id: ASSESS_BLOCK.score(dimension.key),
        label: plain(`Score for ${dimension.shortLabel}`),
        element: {
          type: 'radio_buttons',
          action_id: INPUT_ACTION,
          options: scoreOptions(dimension.key),
          ...(initialScore(dimension.key) ? { initial_option: initialScore(dimension.key) } : {}),
        },
      },
      {
        type: 'input',
        block_id: ASSESS_BLOCK.flags(dimension.key),
        optional: true,
        label: plain('Red flags you recognise'),
        element: {
          type: 'checkboxes',
          action_id: INPUT_ACTION,
          options: dimension.redFlags.map((f) => option(f.text, f.key)),
          ...(initialFlags(dimension.key).length > 0 ? { initial_options: initialFlags(dimension.key) } : {}),
        },
      },
      {
        type: 'input',
        block_id: ASSESS_BLOCK.note(dimension.key),
        optional: true,
        label: plain('Note'),
        hint: plain(`Up to ${NOTE_MAX_CHARS} characters.`),
        element: {
          type: 'plain_text_input',
          action_id: INPUT_ACTION,
          multiline: true,
          max_length: NOTE_MAX_CHARS,
          placeholder: plain('Evidence or context for this score (optional)'),
          ...(initial?.notes[dimension.key] ? { initial_value: initial.notes[dimension.key] } : {}),
        },
      },
    );
  });

  return blocks;

  function scoreOptions(key: string) {
    return (DIMENSIONS.find((d) => d.key === key)?.levels ?? []).map((l) =>
      option(`${l.score} · ${l.name}`, String(l.score)),
    );
  }
  function initialScore(key: string) {
    const score = initial?.scores[key];
    return score === undefined ? undefined : scoreOptions(key).find((o) => o.value === String(score));
  }
  function initialFlags(key: string) {
    const flags = DIMENSIONS.find((d) => d.key === key)?.redFlags ?? [];
    return flags.filter((f) => initial?.redFlags.includes(f.key)).map((f) => option(f.text, f.key));
  }
}
