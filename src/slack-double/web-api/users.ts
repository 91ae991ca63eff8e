import type { State } from '../state.js';
import type { DoubleUser } from '../types.js';
import { fail, type Handler, paginate } from './context.js';

const DEFAULT_TZ = 'America/Los_Angeles';

function tzInfo(tz: string): { offsetSeconds: number; label: string } {
  try {
    const date = new Date();
    const offsetPart = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'longOffset' })
      .formatToParts(date)
      .find((p) => p.type === 'timeZoneName')?.value;
    const m = /GMT([+-])(\d{2}):(\d{2})/.exec(offsetPart ?? '');
    const offsetSeconds = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3]) * 60) : 0;
    const label =
      new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'long' })
        .formatToParts(date)
        .find((p) => p.type === 'timeZoneName')?.value ?? tz;
    return { offsetSeconds, label };
  } catch {
    return { offsetSeconds: 0, label: tz };
  }
}

export function userObject(state: State, u: DoubleUser): Record<string, any> {
  const tz = u.tz ?? DEFAULT_TZ;
  const { offsetSeconds, label } = tzInfo(tz);
  const realName = u.realName ?? u.name;
  const isBot = u.isBot === true;
  const profile: Record<string, any> = {
    real_name: realName,
    real_name_normalized: realName,
    display_name: u.name,
    display_name_normalized: u.name,
    team: state.identity.teamId,
  };
  if (u.email) profile.email = u.email;
  if (isBot && u.id === state.identity.botUserId) {
    profile.bot_id = state.identity.botId;
    profile.api_app_id = state.identity.appId;
  }
  return {
    id: u.id,
    team_id: state.identity.teamId,
    name: u.name,
    deleted: u.deleted === true,
    real_name: realName,
    tz,
    tz_label: label,
    tz_offset: offsetSeconds,
    profile,
    is_admin: u.isAdmin === true || u.isOwner === true,
    is_owner: u.isOwner === true,
    is_primary_owner: false,
    is_restricted: false,
    is_ultra_restricted: false,
    is_bot: isBot,
    is_app_user: false,
    updated: Math.floor(state.now() / 1000),
  };
}

const info: Handler = (args, { state }) => {
  const u = state.users.get(String(args.user ?? ''));
  if (!u) return fail('user_not_found');
  return { ok: true, user: userObject(state, u) };
};

const list: Handler = (args, { state }) => {
  const { page, next_cursor } = paginate([...state.users.values()], args, 200);
  return {
    ok: true,
    members: page.map((u) => userObject(state, u)),
    cache_ts: Math.floor(state.now() / 1000),
    response_metadata: { next_cursor },
  };
};

const lookupByEmail: Handler = (args, { state }) => {
  const email = String(args.email ?? '').toLowerCase();
  const u = [...state.users.values()].find((x) => x.email?.toLowerCase() === email);
  if (!u) return fail('users_not_found');
  return { ok: true, user: userObject(state, u) };
};

const usergroupUsers: Handler = (args, { state }) => {
  const g = state.usergroups.get(String(args.usergroup ?? ''));
  if (!g) return fail('no_such_subteam');
  return { ok: true, users: [...g.users] };
};

export const userHandlers: Record<string, Handler> = {
  'users.info': info,
  'users.list': list,
  'users.lookupByEmail': lookupByEmail,
  'usergroups.users.list': usergroupUsers,
};
