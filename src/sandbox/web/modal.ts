// A modal from its view JSON: input blocks with their labels, hints, optional marks and inline errors; the other
// blocks as in messages. Submitting collects `block_id/action_id -> value`, the form the server's double takes.

import type { SandboxModal } from './api-types.js';
import { block, el, element, type RenderContext, readers, textObject } from './block-kit.js';

export interface ModalHandlers {
  submit(values: Record<string, unknown>): void;
  close(): void;
  /** A dispatching input or an actions element in the modal changed; `values` is the form as it stands. */
  action(actionId: string, blockId: string, value: unknown, values: Record<string, unknown>): void;
}

const isEmpty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/** Slack's own words when a required field is left empty. */
export const REQUIRED_MESSAGE = 'Please complete this required field.';

export function renderModal(modal: SandboxModal, ctx: RenderContext, on: ModalHandlers): HTMLElement {
  const inputs: { blockId: string; actionId: string; node: HTMLElement; optional: boolean; error: HTMLElement }[] = [];
  const values = () => {
    const out: Record<string, unknown> = {};
    for (const i of inputs) {
      const v = readers.get(i.node)?.();
      if (!isEmpty(v)) out[`${i.blockId}/${i.actionId}`] = v;
    }
    return out;
  };
  const body = el('div', { class: 'modal-body' });
  const modalCtx: RenderContext = {
    ...ctx,
    onAction: (e) => on.action(e.actionId, e.blockId, e.value, values()),
  };
  for (const b of modal.blocks as any[]) {
    if (b?.type !== 'input') {
      body.append(block(b, modalCtx));
      continue;
    }
    const blockId = String(b.block_id);
    const actionId = String(b.element?.action_id ?? '');
    const fire =
      b.dispatch_action === true ? (value: unknown) => on.action(actionId, blockId, value, values()) : undefined;
    const node = element(b.element ?? {}, blockId, modalCtx, fire);
    const label = el('label', { class: 'input-label' }, textObject(b.label, ctx, 'label-text'));
    if (b.optional) label.append(el('span', { class: 'optional' }, ' (optional)'));
    const message = modal.errors[blockId];
    const error = el('div', { class: 'input-error', role: 'alert' }, message ?? '');
    if (!message) error.hidden = true;
    const wrap = el(
      'div',
      { class: `block input${message ? ' has-error' : ''}`, 'data-block-id': blockId },
      label,
      node,
    );
    if (b.hint) wrap.append(textObject(b.hint, ctx, 'hint'));
    wrap.append(error);
    body.append(wrap);
    inputs.push({ blockId, actionId, node, optional: b.optional === true, error });
  }

  const closeButton = el('button', { class: 'btn', type: 'button', 'data-modal': 'close' }, modal.close ?? 'Cancel');
  closeButton.addEventListener('click', () => on.close());
  const footer = el('div', { class: 'modal-footer' }, closeButton);
  if (modal.submit) {
    const submit = el('button', { class: 'btn primary', type: 'button', 'data-modal': 'submit' }, modal.submit);
    submit.addEventListener('click', () => {
      // Like Slack's client: a required field left empty never reaches the app.
      let missing = false;
      for (const i of inputs) {
        const empty = isEmpty(readers.get(i.node)?.());
        const required = !i.optional && empty;
        missing ||= required;
        if (required) i.error.textContent = REQUIRED_MESSAGE;
        else if (i.error.textContent === REQUIRED_MESSAGE) i.error.textContent = '';
        i.error.hidden = i.error.textContent === '';
        i.error.parentElement?.classList.toggle('has-error', !i.error.hidden);
      }
      if (!missing) on.submit(values());
    });
    footer.append(submit);
  }
  const x = el('button', { class: 'icon-button', type: 'button', 'aria-label': 'Close' }, '×');
  x.addEventListener('click', () => on.close());
  const dialog = el(
    'div',
    {
      class: 'dialog modal',
      role: 'dialog',
      'aria-label': modal.title,
      'data-view-id': modal.id,
      'data-callback-id': modal.callbackId,
    },
    el('div', { class: 'modal-header' }, el('h2', {}, modal.title), x),
    body,
    footer,
  );
  if (modal.depth > 0) dialog.classList.add('stacked');
  return el('div', { class: 'overlay' }, dialog);
}
