import type { Handler } from './context.js';

const authTest: Handler = (_args, { state }) => {
  const { identity } = state;
  return {
    ok: true,
    url: `https://${identity.teamDomain}.slack.com/`,
    team: 'Loopkeeper Test',
    user: 'loopkeeper',
    team_id: identity.teamId,
    user_id: identity.botUserId,
    bot_id: identity.botId,
    is_enterprise_install: false,
  };
};

const connectionsOpen: Handler = (_args, ctx) => ({ ok: true, url: ctx.issueSocketUrl() });

export const authHandlers: Record<string, Handler> = {
  'auth.test': authTest,
  'apps.connections.open': connectionsOpen,
};
