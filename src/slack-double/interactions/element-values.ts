/**
 * Maps a simple value (string, string[], number) onto the shape Slack uses for an element's value —
 * in view_submission state.values and in block_actions `actions[]`.
 */

function allOptions(el: any): any[] {
  const flat: any[] = Array.isArray(el?.options) ? [...el.options] : [];
  if (Array.isArray(el?.option_groups)) for (const g of el.option_groups) flat.push(...(g?.options ?? []));
  return flat;
}

function option(el: any, value: string): any {
  const found = allOptions(el).find((o) => o?.value === value);
  if (found) {
    const { text, value: v, description } = found;
    return description ? { text, value: v, description } : { text, value: v };
  }
  if (el?.type === 'external_select' || el?.type === 'multi_external_select') {
    return { text: { type: 'plain_text', text: value, emoji: true }, value };
  }
  const known = allOptions(el)
    .map((o) => o?.value)
    .join(', ');
  throw new Error(`Element ${el?.action_id} (${el?.type}) has no option with value '${value}'. Options: ${known}`);
}

function asList(v: unknown): string[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v.map(String) : [String(v)];
}

/** The value Slack reports for an untouched input: its initial_* value, or empty. */
export function untouchedValue(el: any): Record<string, any> {
  const type = el?.type;
  if (el?.initial_value !== undefined) return { type, value: el.initial_value };
  if (el?.initial_option !== undefined) return { type, selected_option: el.initial_option };
  if (el?.initial_options !== undefined) return { type, selected_options: el.initial_options };
  const simple: Record<string, string> = {
    initial_user: 'selected_user',
    initial_users: 'selected_users',
    initial_conversation: 'selected_conversation',
    initial_conversations: 'selected_conversations',
    initial_channel: 'selected_channel',
    initial_channels: 'selected_channels',
    initial_date: 'selected_date',
    initial_time: 'selected_time',
    initial_date_time: 'selected_date_time',
  };
  for (const [from, to] of Object.entries(simple)) {
    if (el?.[from] !== undefined) return { type, [to]: el[from] };
  }
  return elementValue(el, undefined);
}

/** Builds `{ type, ...value }` for the element from a simple value (undefined = nothing entered). */
export function elementValue(el: any, v: unknown): Record<string, any> {
  const type = el?.type;
  const none = v === undefined || v === null;
  switch (type) {
    case 'plain_text_input':
    case 'email_text_input':
    case 'url_text_input':
    case 'number_input':
      return { type, value: none ? null : String(v) };
    case 'static_select':
    case 'external_select':
    case 'radio_buttons':
    case 'overflow':
      return { type, selected_option: none ? null : option(el, String(v)) };
    case 'multi_static_select':
    case 'multi_external_select':
    case 'checkboxes':
      return { type, selected_options: asList(v).map((x) => option(el, x)) };
    case 'users_select':
      return { type, selected_user: none ? null : String(v) };
    case 'multi_users_select':
      return { type, selected_users: asList(v) };
    case 'conversations_select':
      return { type, selected_conversation: none ? null : String(v) };
    case 'multi_conversations_select':
      return { type, selected_conversations: asList(v) };
    case 'channels_select':
      return { type, selected_channel: none ? null : String(v) };
    case 'multi_channels_select':
      return { type, selected_channels: asList(v) };
    case 'datepicker':
      return { type, selected_date: none ? null : String(v) };
    case 'timepicker':
      return { type, selected_time: none ? null : String(v) };
    case 'datetimepicker':
      return { type, selected_date_time: none ? null : Number(v) };
    case 'rich_text_input':
      return {
        type,
        rich_text_value: none
          ? null
          : typeof v === 'string'
            ? { type: 'rich_text', elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: v }] }] }
            : v,
      };
    case 'file_input':
      return { type, files: none ? [] : v };
    default:
      return { type, value: none ? null : v };
  }
}

/** Whether a state value counts as "nothing entered" (Slack blocks submitting required inputs like that). */
export function isEmptyValue(val: Record<string, any> | undefined): boolean {
  if (!val) return true;
  const keys = Object.keys(val).filter((k) => k !== 'type');
  if (keys.length === 0) return true;
  return keys.every((k) => {
    const x = val[k];
    return x === null || x === undefined || x === '' || (Array.isArray(x) && x.length === 0);
  });
}
