import { type Checker, checkArray, checkString, isObject } from './checker.js';
import { checkTextObject } from './text.js';

/** Elements that may sit in an `input` block. */
export const INPUT_ELEMENTS = new Set([
  'plain_text_input',
  'email_text_input',
  'url_text_input',
  'number_input',
  'rich_text_input',
  'file_input',
  'static_select',
  'multi_static_select',
  'external_select',
  'multi_external_select',
  'users_select',
  'multi_users_select',
  'conversations_select',
  'multi_conversations_select',
  'channels_select',
  'multi_channels_select',
  'checkboxes',
  'radio_buttons',
  'datepicker',
  'timepicker',
  'datetimepicker',
]);

const INTERACTIVE_ELEMENTS = new Set([
  ...INPUT_ELEMENTS,
  'button',
  'overflow',
  'workflow_button',
  'feedback_buttons',
  'icon_button',
]);

export const KNOWN_ELEMENTS = new Set([...INTERACTIVE_ELEMENTS, 'image']);

interface OptionRules {
  /** Option text must be plain_text (selects, overflow); radio buttons / checkboxes allow mrkdwn. */
  plainOnly: boolean;
  allowUrl?: boolean;
}

function checkOption(c: Checker, opt: unknown, path: string, rules: OptionRules): void {
  if (!isObject(opt)) {
    c.add(path, 'must provide an object');
    return;
  }
  checkTextObject(c, opt.text, `${path}/text`, { max: 75, plainOnly: rules.plainOnly });
  checkString(c, opt.value, `${path}/value`, 150, true);
  checkTextObject(c, opt.description, `${path}/description`, { max: 75, plainOnly: rules.plainOnly, required: false });
  if (opt.url !== undefined) {
    if (!rules.allowUrl) c.add(`${path}/url`, 'url is only allowed on overflow menu options');
    checkString(c, opt.url, `${path}/url`, 3000);
  }
}

function sameOption(a: any, b: any): boolean {
  return (
    isObject(a) && isObject(b) && a.value === b.value && a.text?.text === b.text?.text && a.text?.type === b.text?.type
  );
}

function checkInitialOptions(c: Checker, el: Record<string, any>, path: string, all: any[]): void {
  if (el.initial_option !== undefined && !all.some((o) => sameOption(o, el.initial_option))) {
    c.add(`${path}/initial_option`, 'must match one of the provided options');
  }
  if (el.initial_options !== undefined) {
    const initial = checkArray(c, el.initial_options, `${path}/initial_options`, 100);
    initial?.forEach((io, i) => {
      if (!all.some((o) => sameOption(o, io)))
        c.add(`${path}/initial_options/${i}`, 'must match one of the provided options');
    });
  }
}

function checkConfirm(c: Checker, confirm: unknown, path: string): void {
  if (confirm === undefined) return;
  if (!isObject(confirm)) {
    c.add(path, 'must provide an object');
    return;
  }
  checkTextObject(c, confirm.title, `${path}/title`, { max: 100, plainOnly: true });
  checkTextObject(c, confirm.text, `${path}/text`, { max: 300 });
  checkTextObject(c, confirm.confirm, `${path}/confirm`, { max: 30, plainOnly: true });
  checkTextObject(c, confirm.deny, `${path}/deny`, { max: 30, plainOnly: true });
  if (confirm.style !== undefined && confirm.style !== 'primary' && confirm.style !== 'danger') {
    c.add(`${path}/style`, 'must be a valid enum value (primary or danger)');
  }
}

function checkPlaceholder(c: Checker, el: Record<string, any>, path: string): void {
  checkTextObject(c, el.placeholder, `${path}/placeholder`, { max: 150, plainOnly: true, required: false });
}

function checkStaticSelect(c: Checker, el: Record<string, any>, path: string): void {
  checkPlaceholder(c, el, path);
  const hasOptions = el.options !== undefined;
  const hasGroups = el.option_groups !== undefined;
  if (hasOptions === hasGroups) {
    c.add(path, 'must provide exactly one of options or option_groups');
  }
  const all: any[] = [];
  const options = checkArray(c, el.options, `${path}/options`, 100, hasGroups ? 0 : 1);
  options?.forEach((o, i) => {
    checkOption(c, o, `${path}/options/${i}`, { plainOnly: true });
    all.push(o);
  });
  const groups = checkArray(c, el.option_groups, `${path}/option_groups`, 100);
  groups?.forEach((g, gi) => {
    const gp = `${path}/option_groups/${gi}`;
    if (!isObject(g)) {
      c.add(gp, 'must provide an object');
      return;
    }
    checkTextObject(c, g.label, `${gp}/label`, { max: 75, plainOnly: true });
    const gopts = checkArray(c, g.options, `${gp}/options`, 100, 1);
    gopts?.forEach((o, i) => {
      checkOption(c, o, `${gp}/options/${i}`, { plainOnly: true });
      all.push(o);
    });
  });
  checkInitialOptions(c, el, path, all);
  checkMaxSelected(c, el, path);
}

function checkMaxSelected(c: Checker, el: Record<string, any>, path: string): void {
  if (el.max_selected_items === undefined) return;
  const n = Number(el.max_selected_items);
  if (!Number.isInteger(n) || n < 1) c.add(`${path}/max_selected_items`, 'must be an integer greater than 0');
}

function checkChoiceList(c: Checker, el: Record<string, any>, path: string): void {
  const options = checkArray(c, el.options, `${path}/options`, 10, 1) ?? [];
  for (const [i, o] of options.entries()) checkOption(c, o, `${path}/options/${i}`, { plainOnly: false });
  checkInitialOptions(c, el, path, options);
}

function checkTextInput(c: Checker, el: Record<string, any>, path: string): void {
  checkPlaceholder(c, el, path);
  if (el.initial_value !== undefined && typeof el.initial_value !== 'string')
    c.add(`${path}/initial_value`, 'must provide a string');
  for (const key of ['min_length', 'max_length'] as const) {
    if (el[key] === undefined) continue;
    const n = Number(el[key]);
    if (!Number.isInteger(n) || n < 0 || n > 3000) c.add(`${path}/${key}`, 'must be an integer between 0 and 3000');
  }
  if (el.max_length !== undefined && Number(el.max_length) < 1) c.add(`${path}/max_length`, 'must be greater than 0');
  if (el.min_length !== undefined && el.max_length !== undefined && Number(el.min_length) > Number(el.max_length)) {
    c.add(`${path}/min_length`, 'must be less than or equal to max_length');
  }
  if (el.multiline !== undefined && typeof el.multiline !== 'boolean') c.add(`${path}/multiline`, 'must be a boolean');
}

/**
 * Checks one block element. `actionIds` is the set of action_ids already used in the same block
 * (Slack requires action_id to be unique among the elements of a block).
 */
export function checkElement(c: Checker, el: unknown, path: string, actionIds: Set<string>): void {
  if (!isObject(el)) {
    c.add(path, 'must provide an object');
    return;
  }
  const type = el.type;
  if (typeof type !== 'string' || !KNOWN_ELEMENTS.has(type)) {
    c.add(`${path}/type`, `unsupported element type: ${String(type)}`);
    return;
  }
  if (type === 'image') {
    checkImageFields(c, el, path);
    return;
  }
  if (el.action_id !== undefined) {
    checkString(c, el.action_id, `${path}/action_id`, 255, true);
    if (typeof el.action_id === 'string') {
      if (actionIds.has(el.action_id)) c.add(`${path}/action_id`, `duplicate action_id: ${el.action_id}`);
      actionIds.add(el.action_id);
    }
  }
  checkConfirm(c, el.confirm, `${path}/confirm`);
  if (el.focus_on_load !== undefined && typeof el.focus_on_load !== 'boolean')
    c.add(`${path}/focus_on_load`, 'must be a boolean');
  switch (type) {
    case 'button':
      checkTextObject(c, el.text, `${path}/text`, { max: 75, plainOnly: true });
      checkString(c, el.value, `${path}/value`, 2000);
      checkString(c, el.url, `${path}/url`, 3000);
      checkString(c, el.accessibility_label, `${path}/accessibility_label`, 75);
      if (el.style !== undefined && el.style !== 'primary' && el.style !== 'danger') {
        c.add(`${path}/style`, 'must be a valid enum value (primary or danger)');
      }
      break;
    case 'static_select':
    case 'multi_static_select':
      checkStaticSelect(c, el, path);
      break;
    case 'external_select':
    case 'multi_external_select':
      checkPlaceholder(c, el, path);
      checkMaxSelected(c, el, path);
      break;
    case 'users_select':
    case 'multi_users_select':
    case 'conversations_select':
    case 'multi_conversations_select':
    case 'channels_select':
    case 'multi_channels_select':
      checkPlaceholder(c, el, path);
      checkMaxSelected(c, el, path);
      checkConversationFilter(c, el, path);
      break;
    case 'overflow': {
      const options = checkArray(c, el.options, `${path}/options`, 5, 1);
      for (const [i, o] of (options ?? []).entries())
        checkOption(c, o, `${path}/options/${i}`, { plainOnly: true, allowUrl: true });
      break;
    }
    case 'radio_buttons':
    case 'checkboxes':
      checkChoiceList(c, el, path);
      break;
    case 'datepicker':
      checkPlaceholder(c, el, path);
      if (el.initial_date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(el.initial_date))) {
        c.add(`${path}/initial_date`, 'must be in the format YYYY-MM-DD');
      }
      break;
    case 'timepicker':
      checkPlaceholder(c, el, path);
      if (el.initial_time !== undefined && !/^([01]\d|2[0-3]):[0-5]\d$/.test(String(el.initial_time))) {
        c.add(`${path}/initial_time`, 'must be in the format HH:mm');
      }
      break;
    case 'plain_text_input':
      checkTextInput(c, el, path);
      break;
    case 'email_text_input':
    case 'url_text_input':
      checkPlaceholder(c, el, path);
      break;
    case 'number_input':
      checkPlaceholder(c, el, path);
      if (typeof el.is_decimal_allowed !== 'boolean')
        c.add(`${path}/is_decimal_allowed`, 'missing required field (boolean)');
      break;
    default:
      // datetimepicker, rich_text_input, file_input, workflow_button, feedback_buttons, icon_button: accepted as-is.
      break;
  }
}

function checkConversationFilter(c: Checker, el: Record<string, any>, path: string): void {
  if (el.filter === undefined) return;
  if (!isObject(el.filter)) {
    c.add(`${path}/filter`, 'must provide an object');
    return;
  }
  const include = el.filter.include;
  if (include === undefined) return;
  const allowed = ['im', 'mpim', 'private', 'public'];
  if (!Array.isArray(include) || include.some((v) => !allowed.includes(v))) {
    c.add(`${path}/filter/include`, 'must be an array of im, mpim, private, public');
  }
}

/** image_url or slack_file, plus alt_text — shared by the image block and the image element. */
export function checkImageFields(c: Checker, el: Record<string, any>, path: string): void {
  const hasUrl = el.image_url !== undefined;
  const hasFile = el.slack_file !== undefined;
  if (!hasUrl && !hasFile) c.add(path, 'must provide either image_url or slack_file');
  if (hasUrl && hasFile) c.add(path, 'must provide only one of image_url or slack_file');
  checkString(c, el.image_url, `${path}/image_url`, 3000);
  if (hasFile && !isObject(el.slack_file)) c.add(`${path}/slack_file`, 'must provide an object');
  checkString(c, el.alt_text, `${path}/alt_text`, 2000, true);
}

export function isInputElement(el: unknown): boolean {
  return isObject(el) && typeof el.type === 'string' && INPUT_ELEMENTS.has(el.type);
}

export function isInteractiveElement(el: unknown): boolean {
  return isObject(el) && typeof el.type === 'string' && INTERACTIVE_ELEMENTS.has(el.type);
}
