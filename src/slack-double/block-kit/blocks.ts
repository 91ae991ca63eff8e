import { type Checker, checkArray, checkString, isObject } from './checker.js';
import { checkElement, checkImageFields, isInputElement, isInteractiveElement } from './elements.js';
import { checkTable } from './table.js';
import { checkTextObject } from './text.js';

export type Surface = 'message' | 'modal' | 'home';

/** Block types accepted without detailed checks (valid Slack blocks we do not model). */
const UNCHECKED_BLOCKS = new Set(['rich_text', 'markdown', 'file', 'video', 'call', 'context_actions']);

export const MAX_BLOCKS: Record<Surface, number> = { message: 50, modal: 100, home: 100 };

/**
 * Checks a `blocks` array for a message, modal or Home tab. Returns the characters of table cell text it holds,
 * which Slack caps across a whole message.
 */
export function checkBlocks(c: Checker, blocks: unknown, path: string, surface: Surface): number {
  const list = checkArray(c, blocks, path, MAX_BLOCKS[surface]);
  if (!list) return 0;
  const blockIds = new Set<string>();
  let tableChars = 0;
  for (const [i, block] of list.entries()) tableChars += checkBlock(c, block, `${path}/${i}`, surface, blockIds);
  return tableChars;
}

function checkBlock(c: Checker, block: unknown, path: string, surface: Surface, blockIds: Set<string>): number {
  if (!isObject(block)) {
    c.add(path, 'must provide an object');
    return 0;
  }
  if (block.block_id !== undefined) {
    checkString(c, block.block_id, `${path}/block_id`, 255, true);
    if (typeof block.block_id === 'string') {
      if (blockIds.has(block.block_id)) c.add(`${path}/block_id`, `duplicate block_id: ${block.block_id}`);
      blockIds.add(block.block_id);
    }
  }
  const actionIds = new Set<string>();
  switch (block.type) {
    case 'section':
      checkSection(c, block, path, actionIds);
      break;
    case 'header':
      checkTextObject(c, block.text, `${path}/text`, { max: 150, plainOnly: true });
      break;
    case 'divider':
      break;
    case 'image':
      checkImageFields(c, block, path);
      checkTextObject(c, block.title, `${path}/title`, { max: 2000, plainOnly: true, required: false });
      break;
    case 'context': {
      const elements = checkArray(c, block.elements, `${path}/elements`, 10, 1);
      elements?.forEach((el, i) => {
        const p = `${path}/elements/${i}`;
        if (isObject(el) && el.type === 'image') checkElement(c, el, p, actionIds);
        else checkTextObject(c, el, p, { max: 3000 });
      });
      break;
    }
    case 'actions': {
      const elements = checkArray(c, block.elements, `${path}/elements`, 25, 1);
      elements?.forEach((el, i) => {
        const p = `${path}/elements/${i}`;
        if (isObject(el) && typeof el.type === 'string' && !isInteractiveElement(el) && el.type !== 'image') {
          c.add(`${p}/type`, `unsupported element type: ${el.type}`);
        } else if (isObject(el) && el.type === 'image') {
          c.add(`${p}/type`, 'image elements are not allowed in actions blocks');
        } else {
          checkElement(c, el, p, actionIds);
        }
      });
      break;
    }
    case 'input':
      checkInput(c, block, path, surface, actionIds);
      break;
    case 'table':
      return checkTable(c, block, path, surface);
    default:
      if (typeof block.type !== 'string' || !UNCHECKED_BLOCKS.has(block.type)) {
        c.add(`${path}/type`, `unsupported block type: ${String(block.type)}`);
      }
  }
  return 0;
}

function checkSection(c: Checker, block: Record<string, any>, path: string, actionIds: Set<string>): void {
  if (block.text === undefined && block.fields === undefined) {
    c.add(path, 'section blocks must provide text or fields');
  }
  checkTextObject(c, block.text, `${path}/text`, { max: 3000, required: false });
  const fields = checkArray(c, block.fields, `${path}/fields`, 10);
  for (const [i, f] of (fields ?? []).entries()) checkTextObject(c, f, `${path}/fields/${i}`, { max: 2000 });
  if (block.accessory !== undefined) checkElement(c, block.accessory, `${path}/accessory`, actionIds);
}

function checkInput(
  c: Checker,
  block: Record<string, any>,
  path: string,
  surface: Surface,
  actionIds: Set<string>,
): void {
  if (surface === 'home') c.add(path, 'input blocks are only supported in modals');
  checkTextObject(c, block.label, `${path}/label`, { max: 2000, plainOnly: true });
  checkTextObject(c, block.hint, `${path}/hint`, { max: 2000, plainOnly: true, required: false });
  if (block.optional !== undefined && typeof block.optional !== 'boolean')
    c.add(`${path}/optional`, 'must be a boolean');
  if (block.dispatch_action !== undefined && typeof block.dispatch_action !== 'boolean') {
    c.add(`${path}/dispatch_action`, 'must be a boolean');
  }
  if (block.element === undefined) {
    c.add(`${path}/element`, 'missing required field');
    return;
  }
  if (!isInputElement(block.element)) {
    c.add(`${path}/element/type`, `unsupported input element type: ${String((block.element as any)?.type)}`);
    return;
  }
  checkElement(c, block.element, `${path}/element`, actionIds);
}
