import type { Handler } from './context.js';
import { fail } from './context.js';

/** auth.test answers for the token: its workspace, and who it is (the bot user, or the person of a user token). */
const authTest: Handler = (_args, { state, auth, platform }) => {
  const { identity } = state;
  const who = auth ? state.users.get(auth.userId) : undefined;
  const body: Record<string, any> = {
    ok: true,
    url: `https://${identity.teamDomain}.slack.com/`,
    team: identity.teamName,
    user: who?.name ?? identity.botName,
    team_id: identity.teamId,
    user_id: auth?.userId ?? identity.botUserId,
  };
  if (auth?.type !== 'user') body.bot_id = identity.botId;
  if (identity.enterpriseId) body.enterprise_id = identity.enterpriseId;
  body.is_enterprise_install = false;
  if (auth?.expiresAt !== undefined)
    body.expires_in = Math.max(0, Math.floor((auth.expiresAt - platform.now()) / 1000));
  return body;
};

const connectionsOpen: Handler = (_args, ctx) => ({ ok: true, url: ctx.issueSocketUrl() });

/**
 * apps.uninstall: client_id + client_secret and a token of the installation; revokes every token of it (unlike
 * auth.revoke, which revokes one) and Slack then sends tokens_revoked and app_uninstalled.
 */
const appsUninstall: Handler = (args, ctx) => {
  const clientError = ctx.oauth.checkClient(args, ctx.basic);
  if (clientError) return fail(clientError);
  if (!ctx.auth) return fail('not_allowed_token_type');
  ctx.uninstall(ctx.auth.teamId);
  return { ok: true };
};

export const authHandlers: Record<string, Handler> = {
  'auth.test': authTest,
  'apps.connections.open': connectionsOpen,
  'apps.uninstall': appsUninstall,
};
