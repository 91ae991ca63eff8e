import type { BlockButtonAction, webApi } from '@slack/bolt';
import { escapeMrkdwn } from '../../../domain/text/mrkdwn.js';
import { notAdminMessage, notAdminText } from '../../../slack/admin-refusal.js';
import type { ModalView, SlackMessage } from '../../../slack/blocks.js';
import type { Listeners } from '../../../slack/listener-table.js';
import type { ModalRequest } from '../../../slack/modal-request.js';
import { decodeOrigin } from '../../../slack/parse/private-metadata.js';
import { readState, viewStateSchema } from '../../../slack/parse/view-state.js';
import { type CreateIngestTokenResult, MAX_ACTIVE_INGEST_TOKENS } from '../ingest-tokens.js';
import {
  ingestTokenCreatedModal,
  ingestTokenPendingModal,
  ingestTokensModal,
  ingestTokensProblemModal,
} from './blocks/ingest-tokens-modal.js';
import type { SettingsListenerDeps } from './deps.js';
import { SETTINGS_ACTION, SETTINGS_BLOCK, SETTINGS_VIEW } from './ids.js';

/** "Only Loopkeeper admins can …" for everything on the tokens modal. */
const REFUSED = 'manage ingest tokens';

/**
 * A create answers on the ack (the token must be shown, and shown once); when the admin check and the insert take
 * longer than this, the ack shows "Creating…" and views.update brings the token.
 */
const ACK_BUDGET_MS = 2000;

const teamOf = (body: { team?: { id: string } | null; user: { id: string; team_id?: string } }) =>
  body.team?.id ?? body.user.team_id ?? '';

/** `/loop settings tokens`: admins get the tokens modal, everyone else the refusal. Runs after ack(). */
export async function openIngestTokensModal(
  deps: SettingsListenerDeps,
  client: webApi.WebClient,
  request: ModalRequest,
): Promise<SlackMessage | undefined> {
  if (!(await deps.ingestTokens.isAdmin(request.teamId, request.userId))) return notAdminMessage(REFUSED);
  const overview = await deps.ingestTokens.overview(request.teamId);
  await client.views.open({
    trigger_id: request.triggerId,
    view: ingestTokensModal(overview, deps.ingestTokens.now(), { pushed: false }),
  });
  return undefined;
}

function createdView(result: CreateIngestTokenResult): ModalView {
  if (result.ok) return ingestTokenCreatedModal(result.token, result.stored);
  if (result.reason === 'not_admin') return ingestTokensProblemModal(`:lock: ${notAdminText(REFUSED)}`);
  if (result.reason === 'too_many')
    return ingestTokensProblemModal(
      `This workspace has ${MAX_ACTIVE_INGEST_TOKENS} active ingest tokens, the most it can have. Revoke one it no longer needs, then create the new one.`,
    );
  return ingestTokensProblemModal(escapeMrkdwn(result.error));
}

/** The settings modal's Ingest tokens button, each token's Revoke button, and Create token. */
export function registerIngestTokenListeners(app: Listeners, deps: SettingsListenerDeps): void {
  app.action<BlockButtonAction>(SETTINGS_ACTION.ingestTokens, async ({ ack, body, client }) => {
    await ack();
    const teamId = teamOf(body);
    if (!(await deps.ingestTokens.isAdmin(teamId, body.user.id))) {
      const origin = decodeOrigin(body.view?.private_metadata);
      const audience = { userId: body.user.id, responseUrl: origin.responseUrl, channelId: origin.originChannelId };
      await deps.notifier.tellUser(audience, notAdminMessage(REFUSED));
      return;
    }
    const overview = await deps.ingestTokens.overview(teamId);
    await client.views.push({
      trigger_id: body.trigger_id,
      view: ingestTokensModal(overview, deps.ingestTokens.now(), { pushed: true }),
    });
  });

  app.action<BlockButtonAction>(SETTINGS_ACTION.revokeIngestToken, async ({ ack, body, client }) => {
    await ack();
    const view = body.view;
    if (!view) return;
    const teamId = teamOf(body);
    const id = Number.parseInt(body.actions[0]?.value ?? '', 10);
    const result = await deps.ingestTokens.revoke(teamId, body.user.id, id);
    const now = deps.ingestTokens.now();
    const pushed = Boolean(view.previous_view_id);
    let next: ModalView;
    if (result.ok) {
      const { name, prefix } = result.token;
      next = ingestTokensModal(result.overview, now, {
        pushed,
        notice: `:white_check_mark: *${escapeMrkdwn(name)}* \`${prefix}…\` is revoked: pushes with it are refused from now on.`,
      });
    } else if (result.reason === 'not_admin') {
      next = ingestTokensProblemModal(`:lock: ${notAdminText('revoke ingest tokens')}`);
    } else {
      next = ingestTokensModal(await deps.ingestTokens.overview(teamId), now, {
        pushed,
        notice: 'That token is not in this workspace.',
      });
    }
    // No hash: the newest list wins over one another click is still building.
    await client.views.update({ view_id: view.id, view: next });
  });

  app.view(SETTINGS_VIEW.ingestTokens, async ({ ack, body, view, client }) => {
    const name = readState(viewStateSchema.parse(view.state.values)).text(SETTINGS_BLOCK.tokenName);
    const problem = deps.ingestTokens.checkName(name);
    if (problem) return ack({ response_action: 'errors', errors: { [SETTINGS_BLOCK.tokenName]: problem } });

    const answer = deps.ingestTokens.create(teamOf(body), body.user.id, name).then(createdView);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), ACK_BUDGET_MS);
    });
    const inTime = await Promise.race([answer, late]).finally(() => clearTimeout(timer));
    if (inTime) return ack({ response_action: 'update', view: inTime });
    await ack({ response_action: 'update', view: ingestTokenPendingModal() });
    await client.views.update({ view_id: view.id, view: await answer });
  });
}
