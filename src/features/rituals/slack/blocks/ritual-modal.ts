import { escapeMrkdwn } from '../../../../domain/text/mrkdwn.js';
import {
  context,
  type KnownBlock,
  type ModalView,
  option,
  type PlainTextOption,
  plain,
  section,
} from '../../../../slack/blocks.js';
import { INPUT_ACTION } from '../../../../slack/ids.js';
import type { RitualDraft } from '../../domain/index.js';
import { WEEKDAY_NAMES } from '../../domain/index.js';
import type { RitualPreview } from '../../service.js';
import { RITUAL_ACTION, RITUAL_BLOCK, RITUAL_VIEW } from '../ids.js';
import { ritualOccurrenceText } from './ritual-time.js';

const KIND_OPTIONS = [
  option('GTM review', 'gtm_review'),
  option('Monthly Marketing-Sales sync', 'monthly_sync'),
  option('Custom', 'custom'),
];
const CADENCE_OPTIONS = [
  option('Every N weeks on a weekday', 'weekly'),
  option('Monthly on the nth weekday', 'monthly_weekday'),
  option('Monthly on a day of the month', 'monthly_day'),
];
const WEEKDAY_OPTIONS = WEEKDAY_NAMES.map((name, i) => option(name, String(i + 1)));
const NTH_OPTIONS = [
  option('First', '1'),
  option('Second', '2'),
  option('Third', '3'),
  option('Fourth', '4'),
  option('Last', 'last'),
];

export interface RitualModalMetadata {
  ritualId: number | null;
}

function select(
  blockId: string,
  label: string,
  options: PlainTextOption[],
  value: string | null,
  settings: { optional?: boolean; dispatch?: boolean } = {},
): KnownBlock {
  const initial = options.find((o) => o.value === value);
  return {
    type: 'input',
    block_id: blockId,
    optional: settings.optional ?? false,
    // A dispatching select tells the app at once, so the modal can show the fields of what was picked.
    ...(settings.dispatch ? { dispatch_action: true } : {}),
    label: plain(label),
    element: {
      type: 'static_select',
      action_id: INPUT_ACTION,
      options,
      ...(initial ? { initial_option: initial } : {}),
    },
  };
}

function text(blockId: string, label: string, value: string | null, hint?: string, optional = true): KnownBlock {
  return {
    type: 'input',
    block_id: blockId,
    optional,
    label: plain(label),
    ...(hint ? { hint: plain(hint) } : {}),
    element: { type: 'plain_text_input', action_id: INPUT_ACTION, ...(value ? { initial_value: value } : {}) },
  };
}

/** Only the chosen cadence's own fields: nothing about weeks on a monthly ritual. */
function cadenceBlocks(draft: RitualDraft): KnownBlock[] {
  const weekday = select(RITUAL_BLOCK.weekday, 'Weekday', WEEKDAY_OPTIONS, draft.weekday);
  switch (draft.cadenceType) {
    case 'weekly':
      return [
        text(RITUAL_BLOCK.everyWeeks, 'Every N weeks', draft.everyWeeks, '3 for a GTM review.', false),
        weekday,
        {
          type: 'input',
          block_id: RITUAL_BLOCK.anchorDate,
          label: plain('Starting from'),
          hint: plain('The series starts on the first chosen weekday on or after this date.'),
          element: {
            type: 'datepicker',
            action_id: INPUT_ACTION,
            ...(draft.anchorDate ? { initial_date: draft.anchorDate } : {}),
          },
        },
      ];
    case 'monthly_weekday':
      return [select(RITUAL_BLOCK.nth, 'Which weekday of the month', NTH_OPTIONS, draft.nth), weekday];
    case 'monthly_day':
      return [
        text(
          RITUAL_BLOCK.dayOfMonth,
          'Day of the month',
          draft.dayOfMonth,
          '1-31; months without that day use their last day.',
          false,
        ),
      ];
    default:
      return [];
  }
}

/**
 * The add/edit modal, filled from a draft; a preview (after "Preview") lists the next five occurrences or what is wrong.
 * Picking a cadence rebuilds it (views.update) with the same block ids, so what was typed stays.
 */
export function ritualModal(draft: RitualDraft, meta: RitualModalMetadata, preview?: RitualPreview): ModalView {
  const blocks: KnownBlock[] = [
    select(RITUAL_BLOCK.kind, 'Kind', KIND_OPTIONS, draft.kind),
    text(RITUAL_BLOCK.name, 'Name (optional)', draft.name),
    {
      type: 'input',
      block_id: RITUAL_BLOCK.channel,
      label: plain('Channel to post in'),
      element: {
        type: 'conversations_select',
        action_id: INPUT_ACTION,
        filter: { include: ['public', 'private'], exclude_bot_users: true },
        ...(draft.channelId ? { initial_conversation: draft.channelId } : {}),
      },
    },
    select(RITUAL_BLOCK.cadenceType, 'How often', CADENCE_OPTIONS, draft.cadenceType, { dispatch: true }),
    ...cadenceBlocks(draft),
    {
      type: 'input',
      block_id: RITUAL_BLOCK.localTime,
      label: plain('Local time'),
      element: {
        type: 'timepicker',
        action_id: INPUT_ACTION,
        ...(draft.localTime ? { initial_time: draft.localTime } : {}),
      },
    },
    text(RITUAL_BLOCK.timeZone, 'Time zone (IANA)', draft.timeZone, 'e.g. Europe/Rome or America/New_York', false),
    text(RITUAL_BLOCK.skipDates, 'Skip dates (optional)', draft.skipDates, 'YYYY-MM-DD, separated by commas'),
    text(
      RITUAL_BLOCK.headsUpHours,
      'Heads-up hours before (optional)',
      draft.headsUpHours,
      'Posts the pre-read this many hours ahead. Empty: no heads-up.',
    ),
    {
      type: 'actions',
      block_id: 'ritual_preview_actions',
      elements: [
        { type: 'button', action_id: RITUAL_ACTION.preview, text: plain('Preview next five'), value: 'preview' },
      ],
    },
  ];
  if (preview) {
    if (preview.ok) {
      const schedule = { localTime: preview.localTime, timeZone: preview.timeZone };
      const lines = preview.occurrences.map(
        (d) => `• ${ritualOccurrenceText(d, schedule, '{date_long_pretty} at {time}')}`,
      );
      blocks.push(section(`*Next five occurrences*\n${lines.join('\n') || '_none in the next ten years_'}`));
      for (const note of preview.notes) blocks.push(context(`:information_source: ${escapeMrkdwn(note)}`));
    } else {
      blocks.push(
        section(
          `:warning: *Fix these first:*\n${Object.values(preview.errors)
            .map((e) => `• ${escapeMrkdwn(e as string)}`)
            .join('\n')}`,
        ),
      );
    }
  }
  return {
    type: 'modal',
    callback_id: RITUAL_VIEW.edit,
    title: plain(meta.ritualId === null ? 'Add ritual' : 'Edit ritual'),
    submit: plain('Save'),
    close: plain('Cancel'),
    private_metadata: JSON.stringify(meta),
    blocks,
  };
}
