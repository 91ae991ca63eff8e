import { escapeMrkdwn } from '../../../../domain/text/mrkdwn.js';
import { clip, context, type KnownBlock, type ModalView, option, plain, section } from '../../../../slack/blocks.js';
import { INPUT_ACTION } from '../../../../slack/ids.js';
import { categoryLabel, RISK_CATEGORIES, RISK_TEXT_LIMITS, type StoredRisk } from '../../domain/index.js';
import { RISK_BLOCK, RISK_VIEW } from '../ids.js';
import { severityBadge } from './risk-format.js';

const categoryOptions = () => RISK_CATEGORIES.map((c) => option(c.label, c.key));

const ratingInput = (blockId: string, label: string, hint: string, initial?: number): KnownBlock => ({
  type: 'input',
  block_id: blockId,
  label: plain(label),
  hint: plain(hint),
  element: {
    type: 'number_input',
    action_id: INPUT_ACTION,
    is_decimal_allowed: false,
    min_value: '1',
    max_value: '5',
    ...(initial !== undefined ? { initial_value: String(initial) } : {}),
  },
});

const textInput = (
  blockId: string,
  label: string,
  maxLength: number,
  options: { multiline?: boolean; optional?: boolean; initial?: string; hint?: string },
): KnownBlock => ({
  type: 'input',
  block_id: blockId,
  optional: options.optional ?? false,
  label: plain(label),
  ...(options.hint ? { hint: plain(options.hint) } : {}),
  element: {
    type: 'plain_text_input',
    action_id: INPUT_ACTION,
    multiline: options.multiline ?? false,
    max_length: maxLength,
    ...(options.initial ? { initial_value: options.initial } : {}),
  },
});

/** The add / edit form. `risk` prefills it for editing; `defaults` for a new one. */
export function riskModal(input: {
  risk?: StoredRisk;
  ownerId: string;
  reviewDate: string;
  privateMetadata: string;
}): ModalView {
  const { risk } = input;
  const initialCategory = risk ? categoryOptions().find((o) => o.value === risk.category) : undefined;
  return {
    type: 'modal',
    callback_id: risk ? RISK_VIEW.edit : RISK_VIEW.add,
    title: plain(risk ? 'Edit risk' : 'Add a risk'),
    submit: plain('Save'),
    close: plain('Cancel'),
    private_metadata: input.privateMetadata,
    blocks: [
      section('Score = likelihood × impact: 1-4 low, 5-9 medium, 10-16 high, 20-25 critical.'),
      {
        type: 'input',
        block_id: RISK_BLOCK.category,
        label: plain('Category'),
        element: {
          type: 'static_select',
          action_id: INPUT_ACTION,
          placeholder: plain('Choose a category'),
          options: categoryOptions(),
          ...(initialCategory ? { initial_option: initialCategory } : {}),
        },
      },
      textInput(RISK_BLOCK.title, 'Title', RISK_TEXT_LIMITS.title, { initial: risk?.title }),
      textInput(RISK_BLOCK.description, 'Description', RISK_TEXT_LIMITS.description, {
        multiline: true,
        optional: true,
        initial: risk?.description,
      }),
      ratingInput(
        RISK_BLOCK.likelihood,
        'Likelihood (1-5)',
        '1 rare · 2 unlikely · 3 possible · 4 likely · 5 almost certain',
        risk?.likelihood,
      ),
      ratingInput(
        RISK_BLOCK.impact,
        'Impact (1-5)',
        '1 minor · 2 moderate · 3 significant · 4 major · 5 severe',
        risk?.impact,
      ),
      textInput(RISK_BLOCK.mitigation, 'Mitigation actions', RISK_TEXT_LIMITS.mitigation, {
        multiline: true,
        optional: true,
        initial: risk?.mitigation,
      }),
      textInput(RISK_BLOCK.kpis, 'Monitoring KPIs', RISK_TEXT_LIMITS.kpis, {
        multiline: true,
        optional: true,
        initial: risk?.kpis,
        hint: 'The numbers that tell you the risk is getting closer, e.g. pipeline coverage.',
      }),
      {
        type: 'input',
        block_id: RISK_BLOCK.owner,
        label: plain('Owner'),
        element: { type: 'users_select', action_id: INPUT_ACTION, initial_user: risk?.ownerId ?? input.ownerId },
      },
      {
        type: 'input',
        block_id: RISK_BLOCK.reviewDate,
        label: plain('Next review date'),
        hint: plain('The owner gets a DM that morning.'),
        element: { type: 'datepicker', action_id: INPUT_ACTION, initial_date: risk?.reviewDate ?? input.reviewDate },
      },
    ],
  };
}

const riskHeader = (risk: StoredRisk) =>
  section(
    `${severityBadge(risk.score)} · *${escapeMrkdwn(clip(risk.title, 150))}*\n${categoryLabel(risk.category)} · likelihood ${risk.likelihood} × impact ${risk.impact}`,
  );

export function rescoreModal(risk: StoredRisk, privateMetadata: string): ModalView {
  return {
    type: 'modal',
    callback_id: RISK_VIEW.rescore,
    title: plain('Re-score risk'),
    submit: plain('Save score'),
    close: plain('Cancel'),
    private_metadata: privateMetadata,
    blocks: [
      riskHeader(risk),
      ratingInput(
        RISK_BLOCK.likelihood,
        'Likelihood (1-5)',
        '1 rare · 2 unlikely · 3 possible · 4 likely · 5 almost certain',
        risk.likelihood,
      ),
      ratingInput(
        RISK_BLOCK.impact,
        'Impact (1-5)',
        '1 minor · 2 moderate · 3 significant · 4 major · 5 severe',
        risk.impact,
      ),
      textInput(RISK_BLOCK.note, 'What changed?', 1000, { multiline: true, optional: true }),
      context('The old score stays in the risk history.'),
    ],
  };
}

export function closeModal(risk: StoredRisk, privateMetadata: string): ModalView {
  return {
    type: 'modal',
    callback_id: RISK_VIEW.close,
    title: plain('Close risk'),
    submit: plain('Close risk'),
    close: plain('Cancel'),
    private_metadata: privateMetadata,
    blocks: [
      riskHeader(risk),
      textInput(RISK_BLOCK.resolution, 'Resolution note', 2000, {
        multiline: true,
        hint: 'How it was resolved, or why it no longer applies. Kept in the history.',
      }),
    ],
  };
}
