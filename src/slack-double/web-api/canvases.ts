import { randomBytes } from 'node:crypto';
import type { State } from '../state.js';
import { type ApiContext, fail, type Handler, usageFailure } from './context.js';

/**
 * Canvases as the Web API sees them: `canvases.create`, `conversations.canvases.create`, `canvases.edit` and
 * `canvases.sections.lookup`. A canvas is a list of sections: each header line (`#`, `##`, `###`) starts one, which
 * runs to the next header; text before the first header is a section of its own. A `replace` with a section id
 * replaces that whole section, and the markdown put in its place gets new sections (new ids), as Slack's do.
 */

/** Slack's limit on one document's markdown: 1 MiB of characters. */
export const CANVAS_MARKDOWN_LIMIT = 1_048_576;
/** Tier 3: about 50 calls a minute per method and workspace. */
export const CANVAS_TIER3_PER_MINUTE = 50;

const OPERATIONS = ['insert_after', 'insert_before', 'insert_at_start', 'insert_at_end', 'replace', 'delete', 'rename'];
const NEEDS_SECTION = new Set(['insert_after', 'insert_before', 'delete']);
const SECTION_TYPES = new Set(['h1', 'h2', 'h3', 'any_header']);

export type CanvasSectionType = 'h1' | 'h2' | 'h3' | 'text';

export interface CanvasSection {
  id: string;
  type: CanvasSectionType;
  /** The header's text without the `#`s; empty for a text section. */
  headerText: string;
  markdown: string;
}

export interface DoubleCanvas {
  id: string;
  title: string;
  /** 'channel': the channel's own canvas (its tab); 'standalone': tabbed in `channelId` if one was given. */
  kind: 'channel' | 'standalone';
  channelId: string | undefined;
  sections: CanvasSection[];
  deleted: boolean;
  /** Successful canvases.edit calls. */
  edits: number;
}

/** One workspace's canvases, its plan (channel canvases allowed or not) and the canvas scopes the app holds. */
export class CanvasStore {
  readonly canvases = new Map<string, DoubleCanvas>();
  /** Free plans can't create channel canvases (team_tier_cannot_create_channel_canvases). */
  channelCanvasesAllowed = true;
  private readonly denied = new Set<string>();
  private readonly recent = new Map<string, number[]>();

  constructor(private readonly state: State) {}

  /** The plan: `channelCanvases: false` is a free workspace. */
  setPlan(plan: { channelCanvases: boolean }): void {
    this.channelCanvasesAllowed = plan.channelCanvases;
  }

  /** Someone deletes the canvas in Slack: edits and lookups fail from then on. */
  deleteCanvas(id: string): void {
    const canvas = this.canvases.get(id);
    if (!canvas) throw new Error(`No canvas ${id} in ${this.state.identity.teamId}`);
    canvas.deleted = true;
  }

  /** The app loses a scope (an admin removed it, or a reinstall without it): calls that need it get missing_scope. */
  revokeScope(scope: 'canvases:write' | 'canvases:read'): void {
    this.denied.add(scope);
  }

  restoreScope(scope: 'canvases:write' | 'canvases:read'): void {
    this.denied.delete(scope);
  }

  hasScope(scope: string): boolean {
    return !this.denied.has(scope);
  }

  get(id: string): DoubleCanvas | undefined {
    return this.canvases.get(id);
  }

  /** The only canvas, or the only one not deleted; throws when there are none or several. */
  only(): DoubleCanvas {
    const live = [...this.canvases.values()].filter((c) => !c.deleted);
    if (live.length !== 1) throw new Error(`Expected one canvas, found ${live.length}`);
    return live[0] as DoubleCanvas;
  }

  /** The whole document as markdown. */
  markdown(id: string): string {
    const canvas = this.canvases.get(id);
    if (!canvas) throw new Error(`No canvas ${id}`);
    return canvas.sections.map((s) => s.markdown).join('\n');
  }

  channelCanvas(channelId: string): DoubleCanvas | undefined {
    return [...this.canvases.values()].find((c) => c.kind === 'channel' && c.channelId === channelId && !c.deleted);
  }

  /** Counts a call against the tier-3 minute; true when it is over the limit. */
  overTier3(method: string, now: number): boolean {
    const since = now - 60_000;
    const calls = (this.recent.get(method) ?? []).filter((at) => at > since);
    calls.push(now);
    this.recent.set(method, calls);
    return calls.length > CANVAS_TIER3_PER_MINUTE;
  }

  create(p: { title: string; kind: DoubleCanvas['kind']; channelId: string | undefined; markdown: string }) {
    const id = this.state.ids.next('F');
    const canvas: DoubleCanvas = {
      id,
      title: p.title,
      kind: p.kind,
      channelId: p.channelId,
      sections: splitSections(p.markdown),
      deleted: false,
      edits: 0,
    };
    this.canvases.set(id, canvas);
    return canvas;
  }
}

const stores = new WeakMap<State, CanvasStore>();

/** The canvases of one workspace (tests reach it through `double.canvases(teamId?)`). */
export function canvasStoreOf(state: State): CanvasStore {
  let store = stores.get(state);
  if (!store) {
    store = new CanvasStore(state);
    stores.set(state, store);
  }
  return store;
}

const sectionId = () => `temp:C:${randomBytes(21).toString('base64url').slice(0, 28)}`;

/** Markdown into sections: a header line starts one; fenced code never does. */
export function splitSections(markdown: string): CanvasSection[] {
  const sections: CanvasSection[] = [];
  let current: { type: CanvasSectionType; headerText: string; lines: string[] } | undefined;
  let inFence = false;
  const flush = () => {
    if (current && current.lines.join('\n').trim() !== '') {
      sections.push({
        id: sectionId(),
        type: current.type,
        headerText: current.headerText,
        markdown: current.lines.join('\n'),
      });
    }
  };
  for (const line of markdown.split('\n')) {
    if (/^\s*```/.test(line)) inFence = !inFence;
    const header = inFence ? null : /^(#{1,3}) (.*)$/.exec(line);
    if (header) {
      flush();
      const level = (header[1] as string).length as 1 | 2 | 3;
      current = { type: `h${level}`, headerText: (header[2] as string).trim(), lines: [line] };
    } else if (current) {
      current.lines.push(line);
    } else {
      current = { type: 'text', headerText: '', lines: [line] };
    }
  }
  flush();
  return sections;
}

/** Form-encoded calls carry objects as JSON; the parsed value also replaces the recorded argument. */
function jsonArg(args: Record<string, unknown>, key: string): unknown {
  const value = args[key];
  if (typeof value !== 'string') return value;
  try {
    args[key] = JSON.parse(value);
    return args[key];
  } catch {
    return value;
  }
}

function markdownOf(content: unknown, ctx: ApiContext): { markdown: string } | { error: ReturnType<Handler> } {
  const c = content as { type?: unknown; markdown?: unknown } | undefined;
  if (!c || typeof c !== 'object' || c.type !== 'markdown' || typeof c.markdown !== 'string') {
    return {
      error: usageFailure(ctx, 'invalid_arguments', "document_content must be {type: 'markdown', markdown: string}"),
    };
  }
  if (c.markdown.length > CANVAS_MARKDOWN_LIMIT) {
    return {
      error: usageFailure(
        ctx,
        'invalid_arguments',
        `document_content.markdown is ${c.markdown.length} characters; Slack takes at most ${CANVAS_MARKDOWN_LIMIT}`,
      ),
    };
  }
  return { markdown: c.markdown };
}

/** What every canvas call checks first: the scope and the tier-3 rate. */
function gate(ctx: ApiContext, scope: string): ReturnType<Handler> | undefined {
  const store = canvasStoreOf(ctx.state);
  if (!store.hasScope(scope)) return fail('missing_scope', { needed: scope, provided: 'commands,chat:write' });
  if (store.overTier3(ctx.method, ctx.state.now())) {
    ctx.recorder.violation(
      ctx.method,
      `ratelimited: over Slack's tier 3 (${CANVAS_TIER3_PER_MINUTE} calls a minute) for ${ctx.method} in one workspace`,
    );
    return fail('ratelimited');
  }
  return undefined;
}

function channelFor(ctx: ApiContext, channelId: unknown): { id: string } | { error: string } {
  const found = ctx.state.postable(channelId);
  if ('error' in found) return found;
  if (found.channel.isIm) return { error: 'invalid_channel' };
  return { id: found.channel.id };
}

const create: Handler = (args, ctx) => {
  const gated = gate(ctx, 'canvases:write');
  if (gated) return gated;
  const content = jsonArg(args, 'document_content');
  const parsed = content === undefined ? { markdown: '' } : markdownOf(content, ctx);
  if ('error' in parsed) return parsed.error;
  let channelId: string | undefined;
  if (args.channel_id !== undefined) {
    const channel = channelFor(ctx, args.channel_id);
    if ('error' in channel) return fail(channel.error);
    channelId = channel.id;
  }
  const canvas = canvasStoreOf(ctx.state).create({
    title: typeof args.title === 'string' ? args.title : '',
    kind: 'standalone',
    channelId,
    markdown: parsed.markdown,
  });
  return { ok: true, canvas_id: canvas.id };
};

const createChannelCanvas: Handler = (args, ctx) => {
  const gated = gate(ctx, 'canvases:write');
  if (gated) return gated;
  if (typeof args.channel_id !== 'string' || args.channel_id === '')
    return usageFailure(ctx, 'invalid_arguments', 'missing required field: channel_id');
  const store = canvasStoreOf(ctx.state);
  if (!store.channelCanvasesAllowed) return fail('team_tier_cannot_create_channel_canvases');
  const channel = channelFor(ctx, args.channel_id);
  if ('error' in channel) return fail(channel.error);
  if (store.channelCanvas(channel.id)) return fail('channel_canvas_already_exists');
  const content = jsonArg(args, 'document_content');
  const parsed = content === undefined ? { markdown: '' } : markdownOf(content, ctx);
  if ('error' in parsed) return parsed.error;
  const canvas = store.create({
    title: typeof args.title === 'string' ? args.title : '',
    kind: 'channel',
    channelId: channel.id,
    markdown: parsed.markdown,
  });
  return { ok: true, canvas_id: canvas.id };
};

function liveCanvas(store: CanvasStore, id: unknown, deletedError: string): DoubleCanvas | { error: string } {
  const canvas = typeof id === 'string' ? store.get(id) : undefined;
  if (!canvas) return { error: 'canvas_not_found' };
  if (canvas.deleted) return { error: deletedError };
  return canvas;
}

const edit: Handler = (args, ctx) => {
  const gated = gate(ctx, 'canvases:write');
  if (gated) return gated;
  const store = canvasStoreOf(ctx.state);
  const canvas = liveCanvas(store, args.canvas_id, 'canvas_not_found');
  if ('error' in canvas) return fail(canvas.error);
  const changes = jsonArg(args, 'changes');
  if (!Array.isArray(changes) || changes.length === 0)
    return usageFailure(ctx, 'invalid_arguments', 'changes must be a non-empty array');
  if (changes.length > 1)
    return usageFailure(ctx, 'invalid_arguments', 'only one operation per canvases.edit call is supported');
  const change = changes[0] as {
    operation?: unknown;
    section_id?: unknown;
    document_content?: unknown;
    title_content?: unknown;
  };
  const operation = String(change?.operation ?? '');
  if (!OPERATIONS.includes(operation))
    return usageFailure(ctx, 'invalid_arguments', `unknown operation ${JSON.stringify(change?.operation)}`);
  if (operation === 'rename') {
    const title = change.title_content as { type?: unknown; markdown?: unknown } | undefined;
    if (title?.type !== 'markdown' || typeof title.markdown !== 'string')
      return usageFailure(ctx, 'invalid_arguments', "rename needs title_content {type: 'markdown', markdown}");
    canvas.title = title.markdown;
    canvas.edits += 1;
    return { ok: true };
  }
  if (NEEDS_SECTION.has(operation) && typeof change.section_id !== 'string')
    return usageFailure(ctx, 'invalid_arguments', `${operation} needs a section_id`);
  let index = -1;
  if (change.section_id !== undefined) {
    index = canvas.sections.findIndex((s) => s.id === change.section_id);
    if (index === -1) return usageFailure(ctx, 'invalid_arguments', `no section ${String(change.section_id)}`);
  }
  let added: CanvasSection[] = [];
  if (operation !== 'delete') {
    const parsed = markdownOf(change.document_content, ctx);
    if ('error' in parsed) return parsed.error;
    added = splitSections(parsed.markdown);
  }
  const next = [...canvas.sections];
  if (operation === 'insert_at_start') next.unshift(...added);
  else if (operation === 'insert_at_end') next.push(...added);
  else if (operation === 'insert_before') next.splice(index, 0, ...added);
  else if (operation === 'insert_after') next.splice(index + 1, 0, ...added);
  else if (operation === 'delete') next.splice(index, 1);
  else if (index === -1) next.splice(0, next.length, ...added);
  else next.splice(index, 1, ...added);
  const size = next.map((s) => s.markdown).join('\n').length;
  if (size > CANVAS_MARKDOWN_LIMIT)
    return usageFailure(
      ctx,
      'invalid_arguments',
      `the canvas would be ${size} characters, over ${CANVAS_MARKDOWN_LIMIT}`,
    );
  canvas.sections = next;
  canvas.edits += 1;
  return { ok: true };
};

const lookup: Handler = (args, ctx) => {
  const gated = gate(ctx, 'canvases:read');
  if (gated) return gated;
  const canvas = liveCanvas(canvasStoreOf(ctx.state), args.canvas_id, 'canvas_deleted');
  if ('error' in canvas) return fail(canvas.error);
  const criteria = jsonArg(args, 'criteria') as { section_types?: unknown; contains_text?: unknown } | undefined;
  const types = criteria?.section_types;
  const text = criteria?.contains_text;
  if (!criteria || typeof criteria !== 'object' || (types === undefined && text === undefined))
    return usageFailure(ctx, 'invalid_arguments', 'criteria needs section_types or contains_text');
  if (
    types !== undefined &&
    (!Array.isArray(types) || types.length < 1 || types.length > 3 || !types.every((t) => SECTION_TYPES.has(t)))
  )
    return usageFailure(ctx, 'invalid_arguments', "section_types: 1 to 3 of 'h1', 'h2', 'h3', 'any_header'");
  if (text !== undefined && typeof text !== 'string')
    return usageFailure(ctx, 'invalid_arguments', 'contains_text must be a string');
  const wanted = types as string[] | undefined;
  const sections = canvas.sections.filter((s) => {
    if (wanted) {
      const header = s.type !== 'text';
      if (!header || !(wanted.includes(s.type) || wanted.includes('any_header'))) return false;
      return text === undefined || s.headerText.includes(text as string);
    }
    return s.markdown.includes(text as string);
  });
  return { ok: true, sections: sections.map((s) => ({ id: s.id })) };
};

export const canvasHandlers: Record<string, Handler> = {
  'canvases.create': create,
  'conversations.canvases.create': createChannelCanvas,
  'canvases.edit': edit,
  'canvases.sections.lookup': lookup,
};
