import type { State } from '../state.js';
import type { StoredFile } from '../types.js';
import { fail, type Handler, int, usageFailure } from './context.js';
import { checkMessagePayload, storeBotMessage } from './message-payload.js';

function fileObject(
  state: State,
  f: StoredFile,
  share?: { channelId: string; ts: string; isPrivate: boolean },
): Record<string, any> {
  const { teamDomain, botUserId } = state.identity;
  const ext = f.name.includes('.') ? (f.name.split('.').pop() ?? '') : '';
  const obj: Record<string, any> = {
    id: f.id,
    created: Math.floor(state.now() / 1000),
    timestamp: Math.floor(state.now() / 1000),
    name: f.name,
    title: f.title,
    filetype: ext || 'binary',
    user: botUserId,
    size: f.size,
    url_private: `https://files.slack.com/files-pri/${state.identity.teamId}-${f.id}/${encodeURIComponent(f.name)}`,
    permalink: `https://${teamDomain}.slack.com/files/${botUserId}/${f.id}/${encodeURIComponent(f.name)}`,
    channels: [...f.channels],
    is_external: false,
  };
  if (f.alt_text) obj.alt_txt = f.alt_text;
  if (share) {
    obj.shares = {
      [share.isPrivate ? 'private' : 'public']: { [share.channelId]: [{ ts: share.ts, reply_users_count: 0 }] },
    };
  }
  return obj;
}

const getUploadURLExternal: Handler = (args, ctx) => {
  const filename = args.filename;
  const length = int(args.length, -1);
  if (typeof filename !== 'string' || filename === '')
    return usageFailure(ctx, 'invalid_arguments', 'missing required field: filename');
  if (length < 0) return usageFailure(ctx, 'invalid_arguments', 'missing required field: length');
  const id = ctx.state.ids.next('F');
  const file: StoredFile = { id, name: filename, title: filename, size: length, uploaded: false, channels: [] };
  if (typeof args.alt_text === 'string') file.alt_text = args.alt_text;
  ctx.state.files.set(id, file);
  return { ok: true, upload_url: `${ctx.baseUrl}/upload/${id}`, file_id: id };
};

const completeUploadExternal: Handler = (args, ctx) => {
  const { state } = ctx;
  if (!Array.isArray(args.files) || args.files.length === 0) {
    return usageFailure(ctx, 'invalid_arguments', 'files must be a JSON-encoded array of {id, title}');
  }
  const files: StoredFile[] = [];
  for (const entry of args.files) {
    const f = state.files.get(String(entry?.id ?? ''));
    if (!f) return fail('file_not_found');
    if (typeof entry.title === 'string' && entry.title) f.title = entry.title;
    files.push(f);
  }
  let channelId: string | undefined;
  let isPrivate = false;
  if (args.channel_id !== undefined || args.channels !== undefined) {
    const target = state.postable(args.channel_id ?? args.channels);
    if ('error' in target) return fail(target.error);
    channelId = target.channel.id;
    isPrivate = target.channel.isPrivate === true || target.channel.isIm === true;
  }
  if (args.blocks !== undefined) {
    const invalid = checkMessagePayload(ctx, { blocks: args.blocks }, false);
    if (invalid) return invalid;
  }
  let share: { channelId: string; ts: string; isPrivate: boolean } | undefined;
  if (channelId) {
    const content: Record<string, any> = { text: args.initial_comment ?? '', thread_ts: args.thread_ts };
    if (args.blocks !== undefined) content.blocks = args.blocks;
    const msg = storeBotMessage(state, channelId, content, 'files.completeUploadExternal');
    for (const f of files) {
      f.channels.push(channelId);
      if (typeof args.initial_comment === 'string') f.initial_comment = args.initial_comment;
      if (typeof args.thread_ts === 'string') f.thread_ts = args.thread_ts;
    }
    msg.files = files.map((f) => ({ ...f }));
    share = { channelId, ts: msg.ts, isPrivate };
  }
  return { ok: true, files: files.map((f) => fileObject(state, f, share)) };
};

export const fileHandlers: Record<string, Handler> = {
  'files.getUploadURLExternal': getUploadURLExternal,
  'files.completeUploadExternal': completeUploadExternal,
};
