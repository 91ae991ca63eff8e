// Block Kit to DOM: the blocks Loopkeeper sends, laid out as Slack lays them out. Text goes through mrkdwn.ts
// (escaped first); interactive elements call back with what Slack would send in block_actions.

import type { SandboxChannel, SandboxPerson } from './api-types.js';
import { type Directory, emojiFor, mrkdwnToHtml, plainToHtml } from './mrkdwn.js';

export interface ActionEvent {
  actionId: string;
  blockId: string;
  /** The element's simple value: a button's value, an option value, option values, a user id, a date... */
  value?: unknown;
}

export interface RenderContext {
  dir: Directory;
  people: SandboxPerson[];
  channels: SandboxChannel[];
  /** Called when a person clicks a button or changes a select outside an input block (and in dispatching inputs). */
  onAction(event: ActionEvent): void;
  /** Builds a file's URL from its id (image blocks with slack_file). */
  fileUrl(id: string): string;
}

/** Reads an input element's current simple value (modal.ts collects these on submit). */
export const readers = new WeakMap<HTMLElement, () => unknown>();

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) node.append(c);
  return node;
}

/** A node holding HTML made by mrkdwn.ts (which escapes every piece of text it is given). */
function html(tag: 'div' | 'span', className: string, safeHtml: string): HTMLElement {
  const node = el(tag, { class: className });
  node.innerHTML = safeHtml;
  return node;
}

export function textObject(t: any, ctx: RenderContext, className = 'text'): HTMLElement {
  if (!t || typeof t.text !== 'string') return el('span', { class: className });
  return t.type === 'mrkdwn'
    ? html('div', `${className} mrkdwn`, mrkdwnToHtml(t.text, ctx.dir))
    : html('span', className, plainToHtml(t.text, t.emoji !== false));
}

const plainText = (t: any): string => (t && typeof t.text === 'string' ? t.text : '');

function optionsOf(element: any): any[] {
  const flat = Array.isArray(element.options) ? [...element.options] : [];
  for (const g of element.option_groups ?? []) flat.push(...(g.options ?? []));
  return flat;
}

/** Options of a select, people and channel pickers included, as [value, label]. */
function choicesOf(element: any, ctx: RenderContext): [string, string][] {
  switch (element.type) {
    case 'users_select':
    case 'multi_users_select':
      return ctx.people.filter((p) => !p.isBot).map((p) => [p.id, `${p.realName} (@${p.name})`]);
    case 'conversations_select':
    case 'multi_conversations_select':
    case 'channels_select':
    case 'multi_channels_select':
      return ctx.channels.filter((c) => c.kind === 'channel').map((c) => [c.id, `#${c.name}`]);
    default:
      return optionsOf(element).map((o) => [String(o.value), plainText(o.text)]);
  }
}

/** The element's initial value as the simple value readers return. */
function initialOf(element: any): unknown {
  if (element.initial_option) return element.initial_option.value;
  if (element.initial_options) return element.initial_options.map((o: any) => o.value);
  for (const key of [
    'initial_user',
    'initial_users',
    'initial_conversation',
    'initial_conversations',
    'initial_channel',
    'initial_channels',
    'initial_date',
    'initial_time',
    'initial_value',
  ]) {
    if (element[key] !== undefined) return element[key];
  }
  return undefined;
}

const MULTI = new Set([
  'multi_static_select',
  'multi_external_select',
  'multi_users_select',
  'multi_conversations_select',
  'multi_channels_select',
]);
const SELECT = new Set(['static_select', 'external_select', 'users_select', 'conversations_select', 'channels_select']);

/**
 * One element. `fire` is how a change is reported (undefined: not reported, an input block that does not dispatch);
 * the returned node is registered in `readers` when it holds a value.
 */
export function element(e: any, blockId: string, ctx: RenderContext, fire?: (value: unknown) => void): HTMLElement {
  const id = `${blockId}/${e.action_id ?? ''}`;
  const testId = { 'data-action-id': String(e.action_id ?? ''), 'data-block-id': blockId };
  if (e.type === 'button') {
    const button = el('button', { class: `btn ${e.style ?? ''}`.trim(), type: 'button', ...testId });
    button.innerHTML = plainToHtml(plainText(e.text), e.text?.emoji !== false);
    if (e.url && /^https?:/i.test(e.url)) button.title = e.url;
    button.addEventListener('click', () => {
      const go = () => {
        if (e.url && /^https?:/i.test(e.url)) window.open(e.url, '_blank', 'noopener');
        fire?.(e.value);
      };
      if (e.confirm) confirmDialog(e.confirm, ctx, go);
      else go();
    });
    return button;
  }
  if (e.type === 'image') {
    const src = e.image_url ?? (e.slack_file?.id ? ctx.fileUrl(e.slack_file.id) : e.slack_file?.url);
    return el('img', { class: 'inline-image', src: String(src ?? ''), alt: String(e.alt_text ?? '') });
  }
  if (SELECT.has(e.type) || MULTI.has(e.type) || e.type === 'overflow') {
    const multi = MULTI.has(e.type);
    const select = el('select', { class: 'select', ...testId, 'aria-label': plainText(e.placeholder) || id });
    if (multi) select.multiple = true;
    if (!multi) {
      const placeholder = el(
        'option',
        { value: '' },
        e.type === 'overflow' ? '⋯' : plainText(e.placeholder) || 'Select…',
      );
      select.append(placeholder);
    }
    const initial = initialOf(e);
    const chosen = new Set(
      Array.isArray(initial) ? initial.map(String) : initial === undefined ? [] : [String(initial)],
    );
    for (const [value, label] of choicesOf(e, ctx)) {
      const option = el('option', { value });
      option.innerHTML = plainToHtml(label);
      if (chosen.has(value)) option.selected = true;
      select.append(option);
    }
    const read = () => (multi ? [...select.selectedOptions].map((o) => o.value) : select.value || undefined);
    readers.set(select, read);
    select.addEventListener('change', () => {
      const value = read();
      if (value === undefined) return;
      fire?.(value);
      // An overflow menu is a menu, not a value: it goes back to its dots.
      if (e.type === 'overflow') select.value = '';
    });
    return select;
  }
  if (e.type === 'checkboxes' || e.type === 'radio_buttons') {
    const box = el('div', { class: `choices ${e.type}`, ...testId });
    const initial = initialOf(e);
    const chosen = new Set(
      Array.isArray(initial) ? initial.map(String) : initial === undefined ? [] : [String(initial)],
    );
    const name = `${id}-${Math.random().toString(36).slice(2)}`;
    const inputs: HTMLInputElement[] = [];
    for (const o of optionsOf(e)) {
      const input = el('input', { type: e.type === 'checkboxes' ? 'checkbox' : 'radio', name, value: String(o.value) });
      if (chosen.has(String(o.value))) input.checked = true;
      inputs.push(input);
      const label = el('label', { class: 'choice' }, input, textObject(o.text, ctx, 'choice-text'));
      if (o.description) label.append(textObject(o.description, ctx, 'choice-description'));
      box.append(label);
    }
    const read = () => {
      const on = inputs.filter((i) => i.checked).map((i) => i.value);
      return e.type === 'checkboxes' ? on : on[0];
    };
    readers.set(box, read);
    box.addEventListener('change', () => fire?.(read()));
    return box;
  }
  if (e.type === 'datepicker' || e.type === 'timepicker') {
    const input = el('input', { class: 'field', type: e.type === 'datepicker' ? 'date' : 'time', ...testId });
    const initial = initialOf(e);
    if (typeof initial === 'string') input.value = initial;
    const read = () => input.value || undefined;
    readers.set(input, read);
    input.addEventListener('change', () => fire?.(read()));
    return input;
  }
  if (['plain_text_input', 'number_input', 'email_text_input', 'url_text_input'].includes(e.type)) {
    const type =
      e.type === 'number_input'
        ? 'number'
        : e.type === 'email_text_input'
          ? 'email'
          : e.type === 'url_text_input'
            ? 'url'
            : 'text';
    const input =
      e.multiline === true
        ? el('textarea', { class: 'field', rows: '3', ...testId })
        : el('input', { class: 'field', type, ...testId });
    if (e.type === 'number_input') input.setAttribute('step', e.is_decimal_allowed ? 'any' : '1');
    if (e.min_value !== undefined) input.setAttribute('min', String(e.min_value));
    if (e.max_value !== undefined) input.setAttribute('max', String(e.max_value));
    if (e.max_length !== undefined) input.setAttribute('maxlength', String(e.max_length));
    if (e.placeholder) input.setAttribute('placeholder', plainText(e.placeholder));
    if (typeof e.initial_value === 'string') input.value = e.initial_value;
    const read = () => input.value || undefined;
    readers.set(input, read);
    input.addEventListener('change', () => fire?.(read()));
    return input;
  }
  return el('span', { class: 'unsupported' }, `[${String(e.type)} element]`);
}

/** Slack's confirmation dialog for a button with `confirm`. */
function confirmDialog(c: any, ctx: RenderContext, onConfirm: () => void): void {
  const overlay = el('div', { class: 'overlay confirm-overlay' });
  const ok = el(
    'button',
    { class: `btn ${c.style === 'danger' ? 'danger' : 'primary'}`, type: 'button' },
    plainText(c.confirm) || 'Yes',
  );
  const cancel = el('button', { class: 'btn', type: 'button' }, plainText(c.deny) || 'Cancel');
  const box = el(
    'div',
    { class: 'dialog confirm', role: 'dialog' },
    el('h3', {}, plainText(c.title) || 'Are you sure?'),
    textObject(c.text, ctx),
    el('div', { class: 'dialog-buttons' }, cancel, ok),
  );
  overlay.append(box);
  cancel.addEventListener('click', () => overlay.remove());
  ok.addEventListener('click', () => {
    overlay.remove();
    onConfirm();
  });
  document.body.append(overlay);
}

function richInline(node: any, ctx: RenderContext): Node {
  switch (node?.type) {
    case 'text': {
      let out: HTMLElement = el('span', {}, String(node.text ?? ''));
      const s = node.style ?? {};
      if (s.code) out = el('code', {}, out);
      if (s.bold) out = el('b', {}, out);
      if (s.italic) out = el('i', {}, out);
      if (s.strike) out = el('s', {}, out);
      return out;
    }
    case 'link': {
      const url = String(node.url ?? '');
      return /^(https?:|mailto:)/i.test(url)
        ? el('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, String(node.text ?? url))
        : document.createTextNode(String(node.text ?? url));
    }
    case 'user':
      return el(
        'span',
        { class: 'mention', 'data-user': String(node.user_id) },
        `@${ctx.dir.userName(node.user_id) ?? node.user_id}`,
      );
    case 'channel':
      return el('span', { class: 'mention channel' }, `#${ctx.dir.channelName(node.channel_id) ?? node.channel_id}`);
    case 'usergroup':
      return el('span', { class: 'mention' }, `@${node.usergroup_id}`);
    case 'broadcast':
      return el('span', { class: 'mention' }, `@${node.range}`);
    case 'emoji':
      return el(
        'span',
        { class: 'emoji', title: `:${node.name}:` },
        node.unicode
          ? String.fromCodePoint(
              ...String(node.unicode)
                .split('-')
                .map((h: string) => Number.parseInt(h, 16)),
            )
          : (emojiFor(node.name) ?? `:${node.name}:`),
      );
    case 'date':
      return document.createTextNode(String(node.fallback ?? new Date(Number(node.timestamp) * 1000).toLocaleString()));
    default:
      return document.createTextNode('');
  }
}

function richText(block: any, ctx: RenderContext): HTMLElement {
  const root = el('div', { class: 'rich-text' });
  const inline = (elements: any[]) => (elements ?? []).map((n) => richInline(n, ctx));
  for (const part of block.elements ?? []) {
    if (part.type === 'rich_text_section') root.append(el('div', { class: 'rt-section' }, ...inline(part.elements)));
    else if (part.type === 'rich_text_preformatted') root.append(el('pre', {}, ...inline(part.elements)));
    else if (part.type === 'rich_text_quote') root.append(el('blockquote', {}, ...inline(part.elements)));
    else if (part.type === 'rich_text_list') {
      const list = el(part.style === 'ordered' ? 'ol' : 'ul', { class: `rt-list indent-${Number(part.indent ?? 0)}` });
      for (const item of part.elements ?? []) list.append(el('li', {}, ...inline(item.elements)));
      root.append(list);
    }
  }
  return root;
}

function table(block: any, ctx: RenderContext): HTMLElement {
  const t = el('table', { class: 'bk-table' });
  const settings: any[] = block.column_settings ?? [];
  (block.rows ?? []).forEach((row: any[], r: number) => {
    const tr = el('tr');
    row.forEach((cell: any, c: number) => {
      const td = el(r === 0 ? 'th' : 'td');
      const align = settings[c]?.align;
      if (align) td.style.textAlign = align;
      if (settings[c]?.is_wrapped === false) td.classList.add('nowrap');
      if (cell?.type === 'rich_text') td.append(richText(cell, ctx));
      else td.textContent = String(cell?.text ?? '');
      tr.append(td);
    });
    t.append(tr);
  });
  return el('div', { class: 'table-wrap' }, t);
}

/** Standard markdown (the `markdown` block): bold as **x**, otherwise the same shapes as mrkdwn. */
const markdownToMrkdwn = (text: string) =>
  text
    .replace(/\*\*([^*\n]+)\*\*/g, '*$1*')
    .replace(/\[([^\]]+)\]\((https?:[^)\s]+)\)/g, '<$2|$1>')
    .replace(/^#{1,6}\s+(.*)$/gm, '*$1*');

/** One block outside an input (input blocks are modal.ts's). */
export function block(b: any, ctx: RenderContext): HTMLElement {
  const blockId = String(b?.block_id ?? '');
  const fire = (e: any) => (value: unknown) => ctx.onAction({ actionId: String(e.action_id), blockId, value });
  const wrap = (className: string, ...children: (Node | string)[]) =>
    el(
      'div',
      { class: `block ${className}`, 'data-block-id': blockId, 'data-block-type': String(b?.type) },
      ...children,
    );
  switch (b?.type) {
    case 'section': {
      const body = el('div', { class: 'section-body' });
      if (b.text) body.append(textObject(b.text, ctx));
      if (Array.isArray(b.fields))
        body.append(el('div', { class: 'fields' }, ...b.fields.map((f: any) => textObject(f, ctx, 'field-text'))));
      const out = wrap('section', body);
      if (b.accessory)
        out.append(el('div', { class: 'accessory' }, element(b.accessory, blockId, ctx, fire(b.accessory))));
      return out;
    }
    case 'context':
      return wrap(
        'context',
        ...(b.elements ?? []).map((e: any) =>
          e.type === 'image' ? element(e, blockId, ctx) : textObject(e, ctx, 'context-text'),
        ),
      );
    case 'divider':
      return wrap('divider', el('hr'));
    case 'header':
      return wrap('header', el('h3', {}, textObject(b.text, ctx)));
    case 'actions':
      return wrap('actions', ...(b.elements ?? []).map((e: any) => element(e, blockId, ctx, fire(e))));
    case 'image': {
      const src = b.image_url ?? (b.slack_file?.id ? ctx.fileUrl(b.slack_file.id) : b.slack_file?.url);
      const out = wrap('image');
      if (b.title) out.append(textObject(b.title, ctx, 'image-title'));
      out.append(el('img', { src: String(src ?? ''), alt: String(b.alt_text ?? '') }));
      return out;
    }
    case 'rich_text':
      return wrap('rich_text', richText(b, ctx));
    case 'table':
      return wrap('table', table(b, ctx));
    case 'markdown':
      return wrap(
        'markdown',
        html('div', 'text mrkdwn', mrkdwnToHtml(markdownToMrkdwn(String(b.text ?? '')), ctx.dir)),
      );
    case 'file':
      return wrap('file', el('span', { class: 'unsupported' }, `[file ${String(b.file_id ?? '')}]`));
    default:
      return wrap('unsupported', el('span', { class: 'unsupported' }, `[${String(b?.type)} block]`));
  }
}

export function blocks(list: unknown[], ctx: RenderContext): HTMLElement {
  return el('div', { class: 'blocks' }, ...list.map((b) => block(b, ctx)));
}
