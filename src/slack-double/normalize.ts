import type { Ids } from './ids.js';

const NO_ACTION_ID = new Set(['image', 'plain_text', 'mrkdwn']);

/**
 * Deep-copies blocks and fills in what Slack fills in when it stores a message or view:
 * a random block_id on every block and a random action_id on every interactive element.
 */
export function normalizeBlocks(blocks: unknown, ids: Ids): any[] | undefined {
  if (!Array.isArray(blocks)) return undefined;
  const copy = structuredClone(blocks) as any[];
  for (const block of copy) {
    if (typeof block !== 'object' || block === null) continue;
    if (block.block_id === undefined) block.block_id = ids.shortId();
    const elements: any[] = [];
    if (block.accessory) elements.push(block.accessory);
    if (block.element) elements.push(block.element);
    if (Array.isArray(block.elements) && (block.type === 'actions' || block.type === 'context'))
      elements.push(...block.elements);
    for (const el of elements) {
      if (typeof el === 'object' && el !== null && !NO_ACTION_ID.has(el.type) && el.action_id === undefined) {
        el.action_id = ids.shortId();
      }
    }
  }
  return copy;
}

/** Finds an element by action_id (and optionally block_id) in a blocks array. */
export function findElement(
  blocks: any[] | undefined,
  actionId: string,
  blockId?: string,
): { block: any; element: any } | undefined {
  for (const block of blocks ?? []) {
    if (blockId !== undefined && block?.block_id !== blockId) continue;
    const candidates: any[] = [];
    if (block?.accessory) candidates.push(block.accessory);
    if (block?.element) candidates.push(block.element);
    if (Array.isArray(block?.elements)) candidates.push(...block.elements);
    const element = candidates.find((el) => el?.action_id === actionId);
    if (element) return { block, element };
  }
  return undefined;
}

/** Lists "block_id/action_id" of every interactive element, for helpful error messages. */
export function listActionIds(blocks: any[] | undefined): string[] {
  const out: string[] = [];
  for (const block of blocks ?? []) {
    const candidates: any[] = [];
    if (block?.accessory) candidates.push(block.accessory);
    if (block?.element) candidates.push(block.element);
    if (Array.isArray(block?.elements)) candidates.push(...block.elements);
    for (const el of candidates) if (el?.action_id) out.push(`${block.block_id}/${el.action_id}`);
  }
  return out;
}
