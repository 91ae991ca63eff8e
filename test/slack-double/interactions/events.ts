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
  const payload = {
    token: VERIFICATION_TOKEN,
    team_id: identity.teamId,
    context_team_id: identity.teamId,
    context_enterprise_id: null,
    api_app_id: identity.appId,
    event,
    type: 'event_callback',
    event_id: state.ids.next('Ev'),
    event_time: Math.floor(state.now() / 1000),
    authorizations: [
      {
        enterprise_id: null,
        team_id: identity.teamId,
        user_id: identity.botUserId,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
    event_context: `4-${Buffer.from(`${p.type}-${event.event_ts}`).toString('base64url')}`,
  };
  await socket.send({ type: 'events_api', payload, accepts_response_payload: false, describe: `event ${p.type}` });
}
