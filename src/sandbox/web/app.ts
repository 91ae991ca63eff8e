// The sandbox page: a channel list, a message pane, threads, App Home and modals, kept live by server-sent events.

import type { SandboxMessage, SandboxState } from './api-types.js';
import { type ActionEvent, blocks, el, type RenderContext } from './block-kit.js';
import { renderModal } from './modal.js';
import { mrkdwnToHtml } from './mrkdwn.js';

const QUICK_REACTIONS: [string, string][] = [
  ['white_check_mark', '✅'],
  ['eyes', '👀'],
  ['+1', '👍'],
  ['tada', '🎉'],
];

interface View {
  as: string;
  /** A channel id, or 'home' for the App Home tab. */
  pane: string;
  thread: { channel: string; ts: string } | undefined;
}

const params = new URLSearchParams(location.search);
const view: View = { as: params.get('as') ?? '', pane: params.get('pane') ?? '', thread: undefined };
let state: SandboxState | undefined;
let modalKey = '';
let errorsSeen = 0;
const app = document.getElementById('app') as HTMLElement;

async function api(
  path: string,
  body: Record<string, unknown>,
): Promise<{ ok: boolean; error?: string; [k: string]: unknown }> {
  const res = await fetch(`/sandbox/api/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ as: view.as, ...body }),
  });
  const answer = await res.json();
  // A refusal is in the state's error feed too: the refresh shows it.
  await refresh();
  return answer;
}

async function refresh(): Promise<void> {
  const res = await fetch(`/sandbox/api/state?as=${encodeURIComponent(view.as)}`);
  const next = (await res.json()) as SandboxState;
  state = next;
  render();
}

function ctxFor(actionTarget: (e: ActionEvent) => Record<string, unknown>): RenderContext {
  const s = state as SandboxState;
  return {
    people: s.people,
    channels: s.channels,
    dir: {
      userName: (id) => s.people.find((p) => p.id === id)?.name,
      channelName: (id) => s.channels.find((c) => c.id === id)?.name,
    },
    fileUrl: (id) => `/sandbox/api/files/${encodeURIComponent(id)}`,
    onAction: (e) =>
      void api('action', { actionId: e.actionId, blockId: e.blockId, value: e.value, ...actionTarget(e) }),
  };
}

function toast(message: string): void {
  const host = document.getElementById('toasts');
  if (!host) return;
  const t = el('div', { class: 'toast', role: 'alert' }, message);
  host.append(t);
  setTimeout(() => t.remove(), 8000);
}

const personName = (id: string) => {
  const p = state?.people.find((x) => x.id === id);
  return p ? p.realName : id;
};

function timeOf(ts: string): string {
  const d = new Date(Number(ts) * 1000);
  return d.toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });
}

function messageNode(m: SandboxMessage, inThread: boolean): HTMLElement {
  const s = state as SandboxState;
  const author = s.people.find((p) => p.id === m.user);
  const ctx = ctxFor(() => ({ channel: m.channel, messageTs: m.ts }));
  const head = el(
    'div',
    { class: 'message-head' },
    el('span', { class: 'author' }, personName(m.user)),
    ...(author?.isBot ? [el('span', { class: 'badge' }, 'APP')] : []),
    el('span', { class: 'time' }, timeOf(m.ts)),
    ...(m.edited ? [el('span', { class: 'edited' }, '(edited)')] : []),
  );
  const body = el('div', { class: 'message-body' });
  if (m.blocks.length > 0) body.append(blocks(m.blocks, ctx));
  else if (m.text) {
    const text = el('div', { class: 'text mrkdwn' });
    text.innerHTML = mrkdwnToHtml(m.text, ctx.dir);
    body.append(text);
  }
  for (const f of m.files) {
    const link = el(
      'a',
      { class: 'file', href: f.url, download: f.name, 'data-file': f.name },
      `📎 ${f.title || f.name}`,
    );
    body.append(
      f.isImage
        ? el(
            'figure',
            { class: 'file-image' },
            el('img', { src: f.url, alt: f.title || f.name }),
            el('figcaption', {}, link),
          )
        : link,
    );
  }
  const node = el(
    'div',
    { class: `message${m.ephemeral ? ' ephemeral' : ''}`, 'data-ts': m.ts, 'data-user': m.user },
    el('div', { class: 'avatar' }, (author?.realName ?? m.user).slice(0, 1)),
    el('div', { class: 'message-main' }, head, body),
  );
  const main = node.lastElementChild as HTMLElement;
  if (m.ephemeral) main.append(el('div', { class: 'ephemeral-note' }, '👁 Only visible to you'));
  if (m.reactions.length > 0) {
    const row = el('div', { class: 'reactions' });
    for (const r of m.reactions) {
      const mine = r.users.includes(view.as);
      const emoji = QUICK_REACTIONS.find(([n]) => n === r.name)?.[1] ?? `:${r.name}:`;
      const b = el(
        'button',
        { class: `reaction${mine ? ' mine' : ''}`, type: 'button', title: r.users.map(personName).join(', ') },
        `${emoji} ${r.users.length}`,
      );
      b.addEventListener('click', () => void api('reaction', { channel: m.channel, ts: m.ts, name: r.name }));
      row.append(b);
    }
    main.append(row);
  }
  if (!m.ephemeral) {
    const tools = el('div', { class: 'message-tools' });
    for (const [name, emoji] of QUICK_REACTIONS) {
      const b = el('button', { class: 'tool', type: 'button', title: `React with :${name}:` }, emoji);
      b.addEventListener('click', () => void api('reaction', { channel: m.channel, ts: m.ts, name }));
      tools.append(b);
    }
    if (!inThread) {
      const reply = el('button', { class: 'tool', type: 'button', 'data-tool': 'reply' }, '💬 Reply');
      reply.addEventListener('click', () => openThread(m.channel, m.ts));
      tools.append(reply);
    }
    node.append(tools);
  }
  if (!inThread && m.replyCount > 0) {
    const link = el(
      'button',
      { class: 'replies-link', type: 'button' },
      `${m.replyCount} ${m.replyCount === 1 ? 'reply' : 'replies'}`,
    );
    link.addEventListener('click', () => openThread(m.channel, m.ts));
    main.append(link);
  }
  return node;
}

function openThread(channel: string, ts: string): void {
  view.thread = { channel, ts };
  render();
}

function composer(placeholder: string, onSend: (text: string) => Promise<unknown>, name: string): HTMLElement {
  const input = el('textarea', {
    class: 'composer-input',
    rows: '1',
    placeholder,
    'aria-label': placeholder,
    'data-composer': name,
  });
  const send = el('button', { class: 'btn primary', type: 'button' }, 'Send');
  const go = async () => {
    const text = input.value.trim();
    if (!text) return;
    input.value = '';
    await onSend(text);
  };
  send.addEventListener('click', () => void go());
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      void go();
    }
  });
  return el('div', { class: 'composer' }, input, send);
}

/** The parts of the page rebuilt on every update; the composers and an unchanged modal are kept. */
function render(): void {
  const s = state;
  if (!s) return;
  if (!s.people.some((p) => p.id === view.as && !p.isBot)) view.as = s.people.find((p) => p.isAdmin)?.id ?? '';
  if (view.pane !== 'home' && !s.channels.some((c) => c.id === view.pane)) view.pane = s.channels[0]?.id ?? 'home';
  if (!app.dataset.ready) buildShell();
  renderSidebar(s);
  renderPane(s);
  renderThread(s);
  renderModalLayer(s);
  renderErrors(s);
  app.dataset.version = String(s.version);
}

function buildShell(): void {
  app.dataset.ready = '1';
  app.replaceChildren(
    el('aside', { id: 'sidebar' }),
    el(
      'main',
      { id: 'pane' },
      el('header', { id: 'pane-header' }),
      el('div', { id: 'pane-body' }),
      el('div', { id: 'pane-composer' }),
    ),
    el('section', { id: 'thread', hidden: '' }),
    el('div', { id: 'modal-layer' }),
    el('div', { id: 'errors' }),
    el('div', { id: 'toasts' }),
  );
  const paneComposer = document.getElementById('pane-composer') as HTMLElement;
  paneComposer.append(
    composer(
      'Message, or a command such as /loop help',
      (text) => api('message', { channel: view.pane, text }),
      'channel',
    ),
  );
}

function renderSidebar(s: SandboxState): void {
  const side = document.getElementById('sidebar') as HTMLElement;
  const who = el('select', { id: 'person', 'aria-label': 'Acting as' });
  for (const p of s.people.filter((x) => !x.isBot)) {
    const o = el('option', { value: p.id }, `${p.realName}${p.isAdmin ? ' (admin)' : ''}`);
    if (p.id === view.as) o.selected = true;
    who.append(o);
  }
  who.addEventListener('change', () => {
    view.as = who.value;
    view.thread = undefined;
    void refresh();
  });
  const nav = el('nav', { class: 'channels' });
  const item = (id: string, label: string, testId: string) => {
    const b = el(
      'button',
      { class: `channel-item${view.pane === id ? ' active' : ''}`, type: 'button', 'data-nav': testId },
      label,
    );
    b.addEventListener('click', () => {
      view.pane = id;
      view.thread = undefined;
      if (id === 'home') void api('home', {});
      render();
    });
    nav.append(b);
  };
  item('home', '🏠 Loopkeeper Home', 'home');
  nav.append(el('div', { class: 'nav-title' }, 'Channels'));
  for (const c of s.channels.filter((x) => x.kind === 'channel')) item(c.id, `# ${c.name}`, c.name);
  nav.append(el('div', { class: 'nav-title' }, 'Apps'));
  for (const c of s.channels.filter((x) => x.kind === 'dm')) item(c.id, `💬 ${c.name}`, 'dm');
  const demo = el(
    'button',
    { class: 'btn', type: 'button', id: 'demo' },
    s.demoLoaded ? 'Demo data loaded' : 'Load demo data',
  );
  if (s.demoLoaded) demo.setAttribute('disabled', '');
  demo.addEventListener('click', () => {
    demo.setAttribute('disabled', '');
    demo.textContent = 'Loading demo data…';
    void api('demo', {});
  });
  const ff = el('button', { class: 'btn', type: 'button', id: 'fast-forward' }, '⏩ Fast-forward');
  if (!s.nextStop) ff.setAttribute('disabled', '');
  ff.addEventListener('click', () => {
    ff.setAttribute('disabled', '');
    void api('fast-forward', {});
  });
  const next = s.nextStop
    ? `Next: ${s.nextStop.label}, ${new Date(s.nextStop.at).toUTCString().slice(0, 22)} UTC`
    : 'Nothing scheduled yet';
  side.replaceChildren(
    el('div', { class: 'workspace' }, s.workspace.name),
    el('label', { class: 'person' }, 'Acting as ', who),
    nav,
    el(
      'div',
      { class: 'clock' },
      el('div', { id: 'now' }, `Sandbox time: ${new Date(s.now).toUTCString().slice(0, 22)} UTC`),
      el('div', { id: 'next-stop', class: 'muted' }, next),
      ff,
      demo,
    ),
  );
}

function renderPane(s: SandboxState): void {
  const header = document.getElementById('pane-header') as HTMLElement;
  const body = document.getElementById('pane-body') as HTMLElement;
  const composerBox = document.getElementById('pane-composer') as HTMLElement;
  const atBottom = body.scrollHeight - body.scrollTop - body.clientHeight < 40;
  if (view.pane === 'home') {
    header.replaceChildren(el('h1', {}, '🏠 Loopkeeper'), el('span', { class: 'muted' }, 'Home'));
    composerBox.hidden = true;
    const home = s.home;
    const homeId = home?.id;
    body.replaceChildren(
      home
        ? el(
            'div',
            { class: 'home', 'data-view-id': home.id },
            blocks(
              home.blocks,
              ctxFor(() => ({ viewId: homeId })),
            ),
          )
        : el('div', { class: 'empty' }, 'Loopkeeper has not published a Home for you yet.'),
    );
    return;
  }
  const channel = s.channels.find((c) => c.id === view.pane);
  header.replaceChildren(el('h1', {}, channel?.kind === 'dm' ? `💬 ${channel.name}` : `# ${channel?.name ?? ''}`));
  composerBox.hidden = false;
  const list = (s.messages[view.pane] ?? []).filter((m) => !m.threadTs || m.threadTs === m.ts);
  body.replaceChildren(
    list.length > 0
      ? el('div', { class: 'messages', 'data-channel': view.pane }, ...list.map((m) => messageNode(m, false)))
      : el('div', { class: 'empty' }, 'No messages yet. Try /loop help.'),
  );
  if (atBottom || !body.dataset.pane || body.dataset.pane !== view.pane) body.scrollTop = body.scrollHeight;
  body.dataset.pane = view.pane;
}

let threadComposer: HTMLElement | undefined;

function renderThread(s: SandboxState): void {
  const pane = document.getElementById('thread') as HTMLElement;
  const t = view.thread;
  const all = t ? (s.messages[t.channel] ?? []) : [];
  const parent = t ? all.find((m) => m.ts === t.ts) : undefined;
  if (!t || !parent) {
    pane.hidden = true;
    pane.replaceChildren();
    return;
  }
  pane.hidden = false;
  const replies = all.filter((m) => m.threadTs === t.ts && m.ts !== t.ts);
  const close = el('button', { class: 'icon-button', type: 'button', 'aria-label': 'Close thread' }, '×');
  close.addEventListener('click', () => {
    view.thread = undefined;
    render();
  });
  threadComposer ??= composer(
    'Reply in thread…',
    (text) => api('message', { channel: view.thread?.channel, threadTs: view.thread?.ts, text }),
    'thread',
  );
  pane.replaceChildren(
    el('header', { class: 'thread-header' }, el('h2', {}, 'Thread'), close),
    el(
      'div',
      { class: 'thread-body', 'data-thread': t.ts },
      messageNode(parent, true),
      el('div', { class: 'thread-count muted' }, `${replies.length} ${replies.length === 1 ? 'reply' : 'replies'}`),
      ...replies.map((m) => messageNode(m, true)),
    ),
    threadComposer,
  );
}

function renderModalLayer(s: SandboxState): void {
  const layer = document.getElementById('modal-layer') as HTMLElement;
  const m = s.modal;
  const key = m ? `${m.id}:${JSON.stringify(m.blocks)}:${JSON.stringify(m.errors)}:${m.title}` : '';
  if (key === modalKey) return;
  modalKey = key;
  if (!m) {
    layer.replaceChildren();
    return;
  }
  const viewId = m.id;
  layer.replaceChildren(
    renderModal(
      m,
      ctxFor(() => ({ viewId })),
      {
        submit: (values) => void api('submit', { viewId, values }),
        close: () => void api('close', { viewId }),
        action: (actionId, blockId, value, values) => void api('action', { viewId, actionId, blockId, value, values }),
      },
    ),
  );
}

function renderErrors(s: SandboxState): void {
  const box = document.getElementById('errors') as HTMLElement;
  for (const e of s.errors) if (e.seq > errorsSeen) toast(e.message);
  errorsSeen = Math.max(errorsSeen, ...s.errors.map((e) => e.seq), 0);
  if (s.errors.length === 0) {
    box.replaceChildren();
    return;
  }
  const details = el(
    'details',
    { class: 'error-log' },
    el('summary', {}, `⚠️ ${s.errors.length} ${s.errors.length === 1 ? 'thing' : 'things'} Slack rejected`),
    el('ol', {}, ...s.errors.map((e) => el('li', { 'data-seq': String(e.seq) }, e.message))),
  );
  const wasOpen = box.querySelector('details')?.open === true;
  details.open = wasOpen;
  box.replaceChildren(details);
}

function listen(): void {
  const events = new EventSource('/sandbox/api/events');
  events.onmessage = (e) => {
    const { version } = JSON.parse(e.data) as { version: number };
    if (!state || version !== state.version) void refresh();
  };
}

void refresh().then(listen);
