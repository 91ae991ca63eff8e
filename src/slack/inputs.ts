import type { types } from '@slack/bolt';
import { plain } from './blocks.js';
import { INPUT_ACTION } from './ids.js';

/** Small builders for the MQA modals' input blocks (all use INPUT_ACTION). */
export function textInput(
  blockId: string,
  label: string,
  o: {
    optional?: boolean;
    multiline?: boolean;
    max?: number;
    hint?: string;
    initial?: string | null;
    placeholder?: string;
  } = {},
): types.InputBlock {
  return {
    type: 'input',
    block_id: blockId,
    optional: o.optional ?? false,
    label: plain(label),
    ...(o.hint ? { hint: plain(o.hint) } : {}),
    element: {
      type: 'plain_text_input',
      action_id: INPUT_ACTION,
      multiline: o.multiline ?? false,
      ...(o.max ? { max_length: o.max } : {}),
      ...(o.initial ? { initial_value: o.initial } : {}),
      ...(o.placeholder ? { placeholder: plain(o.placeholder) } : {}),
    },
  };
}

export function selectInput(
  blockId: string,
  label: string,
  options: Array<[value: string, text: string]>,
  o: { optional?: boolean; initial?: string | null; hint?: string } = {},
): types.InputBlock {
  const opts = options.map(([value, text]) => ({ text: plain(text), value }));
  const initial = opts.find((x) => x.value === o.initial);
  return {
    type: 'input',
    block_id: blockId,
    optional: o.optional ?? false,
    label: plain(label),
    ...(o.hint ? { hint: plain(o.hint) } : {}),
    element: {
      type: 'static_select',
      action_id: INPUT_ACTION,
      placeholder: plain('Choose'),
      options: opts,
      ...(initial ? { initial_option: initial } : {}),
    },
  };
}

export function channelInput(
  blockId: string,
  label: string,
  o: { optional?: boolean; initial?: string | null; hint?: string } = {},
): types.InputBlock {
  return {
    type: 'input',
    block_id: blockId,
    optional: o.optional ?? true,
    label: plain(label),
    ...(o.hint ? { hint: plain(o.hint) } : {}),
    element: {
      type: 'conversations_select',
      action_id: INPUT_ACTION,
      placeholder: plain('Choose a channel'),
      filter: { include: ['public', 'private'], exclude_bot_users: true },
      ...(o.initial ? { initial_conversation: o.initial } : {}),
    },
  };
}

export function userInput(
  blockId: string,
  label: string,
  o: { optional?: boolean; initial?: string | null; hint?: string } = {},
): types.InputBlock {
  return {
    type: 'input',
    block_id: blockId,
    optional: o.optional ?? true,
    label: plain(label),
    ...(o.hint ? { hint: plain(o.hint) } : {}),
    element: {
      type: 'users_select',
      action_id: INPUT_ACTION,
      placeholder: plain('Choose a person'),
      ...(o.initial ? { initial_user: o.initial } : {}),
    },
  };
}

export function usersInput(
  blockId: string,
  label: string,
  o: { initial?: string[]; hint?: string } = {},
): types.InputBlock {
  return {
    type: 'input',
    block_id: blockId,
    optional: true,
    label: plain(label),
    ...(o.hint ? { hint: plain(o.hint) } : {}),
    element: {
      type: 'multi_users_select',
      action_id: INPUT_ACTION,
      placeholder: plain('Add people'),
      ...(o.initial && o.initial.length > 0 ? { initial_users: o.initial } : {}),
    },
  };
}
