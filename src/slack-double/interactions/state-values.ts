import type { StoredView } from '../types.js';
import { elementValue, isEmptyValue, untouchedValue } from './element-values.js';

interface InputRef {
  blockId: string;
  actionId: string;
  element: any;
  optional: boolean;
  label: string;
}

function inputsOf(view: StoredView): InputRef[] {
  return view.blocks
    .filter((b) => b?.type === 'input' && b.element)
    .map((b) => ({
      blockId: b.block_id,
      actionId: b.element.action_id,
      element: b.element,
      optional: b.optional === true,
      label: b.label?.text ?? b.block_id,
    }));
}

/**
 * Builds view_submission `state.values` from a simple map keyed by action_id (or "block_id/action_id"
 * when an action_id is used in several blocks): `{ title: 'Q3 review', owner: 'U123', due: '2024-07-01' }`.
 */
export function buildStateValues(
  view: StoredView,
  simple: Record<string, unknown>,
): Record<string, Record<string, any>> {
  const inputs = inputsOf(view);
  const values: Record<string, Record<string, any>> = {};
  for (const [key, v] of Object.entries(simple)) {
    const matches = inputs.filter((i) => i.actionId === key || `${i.blockId}/${i.actionId}` === key);
    if (matches.length !== 1) {
      const known = inputs.map((i) => `${i.blockId}/${i.actionId}`).join(', ');
      throw new Error(
        matches.length === 0
          ? `View ${view.id} (${view.callback_id}) has no input with action_id '${key}'. Inputs: ${known}`
          : `action_id '${key}' is used by several inputs in view ${view.id}; use "block_id/action_id". Inputs: ${known}`,
      );
    }
    const input = matches[0] as InputRef;
    values[input.blockId] = { [input.actionId]: elementValue(input.element, v) };
  }
  return values;
}

/**
 * Completes and checks submitted state.values the way the Slack client would: every input block is present
 * (untouched ones with empty values) and required inputs must be filled in, or Slack won't submit.
 */
export function completeSubmission(
  view: StoredView,
  given: Record<string, Record<string, any>>,
  options: { enforceRequired: boolean } = { enforceRequired: true },
): Record<string, Record<string, any>> {
  const inputs = inputsOf(view);
  for (const [blockId, byAction] of Object.entries(given)) {
    const input = inputs.find((i) => i.blockId === blockId);
    if (!input) {
      const known = inputs.map((i) => i.blockId).join(', ');
      throw new Error(
        `view_submission values use block_id '${blockId}', which is not an input block of view ${view.id}. Input blocks: ${known}`,
      );
    }
    for (const actionId of Object.keys(byAction ?? {})) {
      if (actionId !== input.actionId) {
        throw new Error(
          `view_submission values use ${blockId}/${actionId}, but that input's action_id is '${input.actionId}'.`,
        );
      }
    }
  }
  const out: Record<string, Record<string, any>> = {};
  for (const input of inputs) {
    const provided = given[input.blockId]?.[input.actionId];
    const value = provided ? { type: input.element.type, ...provided } : untouchedValue(input.element);
    if (options.enforceRequired && !input.optional && isEmptyValue(value)) {
      throw new Error(
        `Slack would not submit view ${view.id} (${view.callback_id}): required input '${input.label}' ` +
          `(${input.blockId}/${input.actionId}) is empty. Mark it optional: true or provide a value.`,
      );
    }
    out[input.blockId] = { [input.actionId]: value };
  }
  return out;
}
