import { z } from 'zod';
import { INPUT_ACTION } from '../ids.js';

// The parts of an input element's state we read; Slack sends more, zod drops it.
const elementState = z.object({
  type: z.string(),
  value: z.string().nullish(),
  selected_option: z.object({ value: z.string() }).nullish(),
  selected_options: z.array(z.object({ value: z.string() })).nullish(),
  selected_conversation: z.string().nullish(),
  selected_channel: z.string().nullish(),
  selected_user: z.string().nullish(),
  selected_users: z.array(z.string()).nullish(),
  selected_date: z.string().nullish(),
  selected_time: z.string().nullish(),
});

export const viewStateSchema = z.record(z.string(), z.record(z.string(), elementState));
export type ViewStateValues = z.infer<typeof viewStateSchema>;

/** Typed reads of one input block's element (our inputs all use INPUT_ACTION as action id). */
export function readState(values: ViewStateValues) {
  const element = (blockId: string) => values[blockId]?.[INPUT_ACTION];
  return {
    text: (blockId: string) => element(blockId)?.value?.trim() || null,
    selected: (blockId: string) => element(blockId)?.selected_option?.value ?? null,
    selectedMany: (blockId: string) => element(blockId)?.selected_options?.map((o) => o.value) ?? [],
    conversation: (blockId: string) =>
      element(blockId)?.selected_conversation ?? element(blockId)?.selected_channel ?? null,
    user: (blockId: string) => element(blockId)?.selected_user ?? null,
    users: (blockId: string) => element(blockId)?.selected_users ?? [],
    /** YYYY-MM-DD from a datepicker. */
    date: (blockId: string) => element(blockId)?.selected_date ?? null,
    /** HH:MM from a timepicker. */
    time: (blockId: string) => element(blockId)?.selected_time ?? null,
  };
}
