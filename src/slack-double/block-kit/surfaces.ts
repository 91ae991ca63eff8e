import { checkBlocks, type Surface } from './blocks.js';
import { type Checker, charLength, checkString, isObject } from './checker.js';
import { checkTable, TABLE_MAX_CELL_CHARS_PER_MESSAGE, tablePaths } from './table.js';
import { checkTextObject } from './text.js';

export const MAX_MESSAGE_TEXT = 40_000;

/**
 * Checks a message payload (chat.postMessage / update / postEphemeral / response_url / command ack).
 * Returns the Slack error code the call should fail with, or undefined if it is valid.
 */
export function checkMessage(
  c: Checker,
  msg: { text?: unknown; blocks?: unknown; attachments?: unknown },
  opts: { requireContent: boolean },
): 'no_text' | 'msg_too_long' | 'invalid_blocks' | 'invalid_attachments' | undefined {
  const hasBlocks = Array.isArray(msg.blocks) && msg.blocks.length > 0;
  const hasText = typeof msg.text === 'string' && msg.text.length > 0;
  const hasAttachments = Array.isArray(msg.attachments) && msg.attachments.length > 0;
  if (opts.requireContent && !hasBlocks && !hasText && !hasAttachments) {
    c.add('/text', 'text, blocks or attachments is required');
    return 'no_text';
  }
  if (typeof msg.text === 'string' && charLength(msg.text) > MAX_MESSAGE_TEXT) {
    c.add('/text', `must be less than ${MAX_MESSAGE_TEXT + 1} characters`);
    return 'msg_too_long';
  }
  let tableChars = 0;
  if (msg.blocks !== undefined) {
    const before = c.issues.length;
    tableChars += checkBlocks(c, msg.blocks, '/blocks', 'message');
    if (c.issues.length > before) return 'invalid_blocks';
  }
  // Slack shows a message's table as an attachment, so the table rules come back as attachment errors.
  const tables = tablePaths(msg);
  if (tables.length > 1) {
    c.add(
      tables[1]!,
      `only_one_table_allowed: a message holds one table block, found ${tables.length} at ${tables.join(', ')}`,
    );
    return 'invalid_attachments';
  }
  if (Array.isArray(msg.attachments)) {
    const before = c.issues.length;
    // Only the tables of attachments are checked: the double does not model the rest of legacy attachments.
    for (const [i, a] of msg.attachments.entries()) {
      if (!isObject(a) || !Array.isArray(a.blocks)) continue;
      for (const [j, b] of a.blocks.entries())
        if (isObject(b) && b.type === 'table')
          tableChars += checkTable(c, b, `/attachments/${i}/blocks/${j}`, 'message');
    }
    if (c.issues.length > before) return 'invalid_attachments';
  }
  if (tableChars > TABLE_MAX_CELL_CHARS_PER_MESSAGE) {
    c.add(
      tables[0] ?? '/blocks',
      `table cells hold ${tableChars} characters; a message allows ${TABLE_MAX_CELL_CHARS_PER_MESSAGE}`,
    );
    return 'invalid_blocks';
  }
  return undefined;
}

/**
 * Checks a view payload (views.open / push / update / publish, view_submission response_action update/push).
 * `expected` restricts the view type ('home' for views.publish, 'modal' for open/push).
 */
export function checkView(c: Checker, view: unknown, path: string, expected?: 'modal' | 'home'): void {
  if (!isObject(view)) {
    c.add(path, 'must provide an object');
    return;
  }
  const type = view.type;
  if (type !== 'modal' && type !== 'home') {
    c.add(`${path}/type`, 'must be a valid enum value (modal or home)');
    return;
  }
  if (expected && type !== expected) c.add(`${path}/type`, `must be ${expected}`);
  const surface: Surface = type;
  if (type === 'modal') {
    checkTextObject(c, view.title, `${path}/title`, { max: 24, plainOnly: true });
    const hasInputs = Array.isArray(view.blocks) && view.blocks.some((b: any) => isObject(b) && b.type === 'input');
    if (hasInputs && view.submit === undefined)
      c.add(`${path}/submit`, 'submit is required when a view has input blocks');
    checkTextObject(c, view.submit, `${path}/submit`, { max: 24, plainOnly: true, required: false });
    checkTextObject(c, view.close, `${path}/close`, { max: 24, plainOnly: true, required: false });
    for (const key of ['submit_disabled', 'clear_on_close', 'notify_on_close'] as const) {
      if (view[key] !== undefined && typeof view[key] !== 'boolean') c.add(`${path}/${key}`, 'must be a boolean');
    }
  } else {
    checkTextObject(c, view.title, `${path}/title`, { max: 24, plainOnly: true, required: false });
  }
  if (view.blocks === undefined) c.add(`${path}/blocks`, 'missing required field');
  checkBlocks(c, view.blocks, `${path}/blocks`, surface);
  checkString(c, view.callback_id, `${path}/callback_id`, 255);
  checkString(c, view.private_metadata, `${path}/private_metadata`, 3000);
  checkString(c, view.external_id, `${path}/external_id`, 255);
}
