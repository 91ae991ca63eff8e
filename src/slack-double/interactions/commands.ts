import { postEphemeral } from '../respond.js';
import { checkMessagePayload, storeBotMessage } from '../web-api/message-payload.js';
import { commandTextAsSent } from './command-text.js';
import { type InteractionDeps, isEmptyPayload, requireUser, VERIFICATION_TOKEN } from './common.js';

export interface SlashCommandParams {
  command: string;
  /** What the person typed; sent the way `shouldEscape` says (see command-text.ts). */
  text?: string;
  /**
   * The command's "Escape channels, users, and links" setting (`should_escape` in manifest.yml). Default true, like
   * Loopkeeper's manifest: typed `@name`, `#channel`, `@group` become `<@U…|name>`, `<#C…|name>`, `<!subteam^S…|@group>`.
   */
  shouldEscape?: boolean;
  userId: string;
  channelId: string;
  /**
   * The workspace the person types it in: on `double.slashCommand`, a workspace added with `addWorkspace` routes the
   * command there. Any other value only overrides the payload's `team_id` (a forged or foreign command).
   */
  teamId?: string;
}

/** Simulates a user typing a slash command; resolves with the ack payload, trigger_id and response_url. */
export async function slashCommand(
  deps: InteractionDeps,
  p: SlashCommandParams,
): Promise<{ ack: any; triggerId: string; responseUrl: string }> {
  const { state, socket, baseUrl } = deps;
  const user = requireUser(state, p.userId);
  const channel = state.findChannel(p.channelId);
  if (!channel)
    throw new Error(
      `Unknown channel ${p.channelId}: call double.addChannel({ id: '${p.channelId}', name: ... }) first.`,
    );
  const channelName = channel.isIm ? 'directmessage' : channel.isPrivate ? 'privategroup' : channel.name;
  const triggerId = state.issueTrigger(user.id);
  const responseUrl = state.issueResponseUrl(baseUrl, { userId: user.id, channelId: channel.id });
  const { identity } = state;
  const payload: Record<string, string> = {
    token: VERIFICATION_TOKEN,
    team_id: p.teamId ?? identity.teamId,
    team_domain: identity.teamDomain,
  };
  if (identity.enterpriseId) {
    payload.enterprise_id = identity.enterpriseId;
    payload.enterprise_name = identity.enterpriseName ?? '';
  }
  Object.assign(payload, {
    channel_id: channel.id,
    channel_name: channelName,
    user_id: user.id,
    user_name: user.name,
    command: p.command,
    text: commandTextAsSent(state, p.text ?? '', p.shouldEscape ?? true),
    api_app_id: identity.appId,
    is_enterprise_install: 'false',
    response_url: responseUrl,
    trigger_id: triggerId,
  });
  const ack = await socket.send({
    type: 'slash_commands',
    payload,
    accepts_response_payload: true,
    describe: `slash command ${p.command}`,
  });
  if (!isEmptyPayload(ack)) {
    const where = { recorder: deps.recorder, method: `ack(slash command ${p.command})` };
    const invalid = checkMessagePayload(where, ack);
    if (!invalid) {
      if (ack.response_type === 'in_channel') storeBotMessage(state, channel.id, ack, 'ack');
      else postEphemeral(state, channel.id, user.id, ack, 'ack');
    }
  }
  return { ack, triggerId, responseUrl };
}
