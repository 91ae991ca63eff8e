import type { Context } from '@slack/bolt';
import type { Listeners } from '../../../slack/listener-table.js';
import type { UninstallSource } from '../service.js';
import type { DataListenerDeps } from './deps.js';

const UNINSTALL_EVENTS = ['app_uninstalled', 'tokens_revoked'];

interface EventBody {
  team_id?: string;
  enterprise_id?: string;
  authorizations?: Array<{ is_enterprise_install?: boolean }>;
}

/** The workspace (or org) the event is about: Bolt skips authorization for these events, the body still says. */
function sourceOf(body: EventBody, context: Context): UninstallSource | undefined {
  const teamId = context.teamId ?? body.team_id;
  if (!teamId) return undefined;
  return {
    teamId,
    enterpriseId: context.enterpriseId ?? body.enterprise_id,
    isEnterpriseInstall: context.isEnterpriseInstall ?? body.authorizations?.[0]?.is_enterprise_install ?? false,
  };
}

/**
 * Slack's uninstall signals: `app_uninstalled`, and `tokens_revoked` when the bot's token is among the revoked ones
 * (a revoked user token changes nothing: Loopkeeper works with its bot token). Both arrive for one uninstall and
 * either may be delivered twice: the first one recorded counts. Nothing is sent to Slack: the token is gone.
 * Every other request from a workspace (a command, a click, an event) proves Loopkeeper is installed there: it ends
 * an uninstall on record, which is how a reinstall counts when no OAuth install callback runs (one workspace).
 */
export function registerUninstallEvents(app: Listeners, deps: DataListenerDeps): void {
  app.use(async ({ body, context, next }) => {
    const type = (body as { event?: { type?: string } }).event?.type;
    const teamId = context.teamId;
    if (teamId && !UNINSTALL_EVENTS.includes(type ?? '')) deps.inFlight.run(() => deps.data.noticeActivity(teamId));
    await next();
  });

  app.event('app_uninstalled', async ({ body, context }) => {
    const source = sourceOf(body as EventBody, context);
    if (source) await deps.data.recordUninstall(source);
  });
  app.event('tokens_revoked', async ({ event, body, context }) => {
    if ((event.tokens.bot ?? []).length === 0) return;
    const source = sourceOf(body as EventBody, context);
    if (source) await deps.data.recordUninstall(source);
  });
}
