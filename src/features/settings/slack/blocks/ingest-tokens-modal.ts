import { escapeMrkdwn } from '../../../../domain/text/mrkdwn.js';
import { count } from '../../../../domain/text/plural.js';
import { formatElapsed } from '../../../../domain/time/elapsed.js';
import { context, divider, type KnownBlock, type ModalView, plain, section } from '../../../../slack/blocks.js';
import { INPUT_ACTION } from '../../../../slack/ids.js';
import type { StoredIngestToken } from '../../../ingest/repository.js';
import { MAX_TOKEN_NAME_LENGTH } from '../../../ingest/tokens.js';
import type { IngestTokensOverview } from '../../ingest-tokens.js';
import { SETTINGS_ACTION, SETTINGS_BLOCK, SETTINGS_VIEW } from '../ids.js';

const ENDPOINTS = '`POST /api/mqa`, `/api/leads`, `/api/touchpoints`, `/api/deals` and `/api/spend`';

const ago = (at: Date, now: Date) => `${formatElapsed(now.getTime() - at.getTime())} ago`;

/** One token as the list shows it: the name is user text, so it is escaped (no pings, no fake links). */
function tokenLine(token: StoredIngestToken, now: Date): string {
  const used = token.lastUsedAt ? `last used ${ago(token.lastUsedAt, now)}` : 'never used';
  return (
    `*${escapeMrkdwn(token.name)}* \`${token.prefix}…\`\n` +
    `Created by <@${token.createdBy}> ${ago(token.createdAt, now)} · ${used}`
  );
}

/**
 * The tokens modal: what they are for, the workspace's active tokens with a Revoke button each, and a name to create
 * a new one (the submit). `notice` is a line on top, e.g. what was just revoked; `pushed`: on top of the settings
 * modal, so closing it goes back there.
 */
export function ingestTokensModal(
  overview: IngestTokensOverview,
  now: Date,
  options: { pushed: boolean; notice?: string },
): ModalView {
  const { notice } = options;
  const blocks: KnownBlock[] = [];
  if (notice) blocks.push(section(notice));
  blocks.push(
    section(
      `A CRM pushes to ${ENDPOINTS} with one of these as \`Authorization: Bearer <token>\`. ` +
        'What it pushes lands in this workspace only; `team_id` can be left out.',
    ),
    divider(),
  );
  if (overview.active.length === 0) blocks.push(section('_No ingest tokens yet._ Name one below to create it.'));
  for (const token of overview.active) {
    blocks.push({
      type: 'section',
      block_id: `ingest_token:${token.id}`,
      text: { type: 'mrkdwn', text: tokenLine(token, now) },
      accessory: {
        type: 'button',
        action_id: SETTINGS_ACTION.revokeIngestToken,
        text: plain('Revoke'),
        value: String(token.id),
        style: 'danger',
        confirm: {
          title: plain('Revoke this token?'),
          // plain_text: the name cannot ping or link here.
          text: plain(`"${token.name}" stops working at once: pushes with it are refused. This cannot be undone.`),
          confirm: plain('Revoke'),
          deny: plain('Keep'),
          style: 'danger',
        },
      },
    });
  }
  if (overview.revokedCount > 0) blocks.push(context(`${count(overview.revokedCount, 'revoked token')} not shown.`));
  blocks.push(divider(), {
    type: 'input',
    block_id: SETTINGS_BLOCK.tokenName,
    label: plain('New token name'),
    hint: plain(`What will push with it, e.g. "HubSpot MQA workflow". Up to ${MAX_TOKEN_NAME_LENGTH} characters.`),
    element: {
      type: 'plain_text_input',
      action_id: INPUT_ACTION,
      placeholder: plain('HubSpot MQA workflow'),
      max_length: MAX_TOKEN_NAME_LENGTH,
    },
  });
  return {
    type: 'modal',
    callback_id: SETTINGS_VIEW.ingestTokens,
    title: plain('Ingest tokens'),
    submit: plain('Create token'),
    close: plain(options.pushed ? 'Back' : 'Close'),
    blocks,
  };
}

/** After Create: the token, this once. Nothing shows it again (only its hash is kept). */
export function ingestTokenCreatedModal(token: string, stored: StoredIngestToken): ModalView {
  return {
    type: 'modal',
    callback_id: SETTINGS_VIEW.ingestTokenCreated,
    title: plain('Ingest token created'),
    close: plain('Done'),
    blocks: [
      section(`:white_check_mark: *${escapeMrkdwn(stored.name)}* is ready. Copy the token into your CRM now:`),
      section(`\`\`\`${token}\`\`\``),
      section(
        ':warning: *This is the only time it is shown.* Loopkeeper keeps only a hash of it; if it is lost, ' +
          'revoke it and create another.',
      ),
      context(`Send it as \`Authorization: Bearer <token>\` to ${ENDPOINTS}. Its pushes land in this workspace.`),
    ],
  };
}

/** A create or revoke that could not be done (not an admin any more, too many tokens): the reason, and Close. */
export function ingestTokensProblemModal(text: string): ModalView {
  return {
    type: 'modal',
    callback_id: SETTINGS_VIEW.ingestTokensNotice,
    title: plain('Ingest tokens'),
    close: plain('Close'),
    blocks: [section(text)],
  };
}

/** Shown while a slow create finishes (the ack could not wait for it); replaced by the token or the problem. */
export function ingestTokenPendingModal(): ModalView {
  return ingestTokensProblemModal(':hourglass_flowing_sand: Creating the token…');
}
