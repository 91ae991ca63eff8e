import type { PostedMessage } from '../types.js';
import { publicView } from '../web-api/views.js';
import { type InteractionDeps, VERIFICATION_TOKEN } from './common.js';

/** Delivers an Events API event (events_api envelope); resolves once the app acks. */
export async function deliverEvent(deps: InteractionDeps, p: { type: string; [k: string]: any }): Promise<void> {
  const { state, socket } = deps;
  const { identity } = state;
  const event: Record<string, any> = { ...p };
  event.event_ts ??= state.ids.ts();
  if (p.type === 'app_home_opened' && typeof p.user === 'string') {
    event.channel ??= state.dmFor(p.user).id;
    event.tab ??= 'home';
    const homeId = state.homeByUser.get(p.user);
    const home = homeId ? state.views.get(homeId) : undefined;
    if (home && event.view === undefined && event.tab === 'home') event.view = publicView(home);
  }
  if (p.type === 'message' && typeof p.channel === 'string' && !p.subtype && !p.bot_id) {
    event.ts ??= event.event_ts;
    event.team ??= identity.teamId;
    const ch = state.findChannel(p.channel);
    if (ch) {
      event.channel = ch.id;
      event.channel_type ??= ch.isIm ? 'im' : ch.isPrivate ? 'group' : 'channel';
      const msg: PostedMessage = {
        type: 'message',
        ts: event.ts,
        channel: ch.id,
        user: String(p.user ?? ''),
        team: identity.teamId,
        text: p.text,
        via: 'event',
      };
      if (p.thread_ts) msg.thread_ts = p.thread_ts;
      if (p.blocks) msg.blocks = p.blocks;
      ch.messages.push(msg);
    }
  }
  const enterpriseId = identity.enterpriseId ?? null;
  const payload: Record<string, any> = {
    token: VERIFICATION_TOKEN,
    team_id: identity.teamId,
  };
  if (enterpriseId) payload.enterprise_id = enterpriseId;
  Object.assign(payload, {
    context_team_id: identity.teamId,
    context_enterprise_id: enterpriseId,
    api_app_id: identity.appId,
    event,
    type: 'event_callback',
    event_id: state.ids.next('Ev'),
    event_time: Math.floor(state.now() / 1000),
    // The installation the event is delivered for: the app's bot user in this workspace.
    authorizations: [
      {
        enterprise_id: enterpriseId,
        team_id: identity.teamId,
        user_id: identity.botUserId,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
    event_context: `4-${Buffer.from(`${p.type}-${event.event_ts}`).toString('base64url')}`,
  });
  await socket.send({ type: 'events_api', payload, accepts_response_payload: false, describe: `event ${p.type}` });
}

/**
 * The events Slack sends when the app is uninstalled from a workspace, shaped as Slack's reference shows them (no
 * `authorizations`: no installation is left to authorize): `tokens_revoked` with the user ids whose tokens were
 * revoked, then `app_uninstalled`. Slack does not guarantee their order; the double sends tokens_revoked first
 * ("An app is not uninstalled until its final user and bot tokens are revoked").
 */
export async function deliverUninstallEvents(
  deps: InteractionDeps,
  revoked: { oauth: string[]; bot: string[] },
): Promise<void> {
  const { state, socket } = deps;
  const { identity } = state;
  const wrap = (event: Record<string, any>): Record<string, any> => {
    const payload: Record<string, any> = { token: VERIFICATION_TOKEN, team_id: identity.teamId };
    if (identity.enterpriseId) payload.enterprise_id = identity.enterpriseId;
    return Object.assign(payload, {
      api_app_id: identity.appId,
      event,
      type: 'event_callback',
      event_id: state.ids.next('Ev'),
      event_time: Math.floor(state.now() / 1000),
    });
  };
  const tokens: Record<string, string[]> = {};
  if (revoked.oauth.length > 0) tokens.oauth = revoked.oauth;
  if (revoked.bot.length > 0) tokens.bot = revoked.bot;
  await socket.send({
    type: 'events_api',
    payload: wrap({ type: 'tokens_revoked', tokens }),
    accepts_response_payload: false,
    describe: 'event tokens_revoked',
  });
  await socket.send({
    type: 'events_api',
    payload: wrap({ type: 'app_uninstalled' }),
    accepts_response_payload: false,
    describe: 'event app_uninstalled',
  });
}
