import { escapeMrkdwn } from '../../../../domain/text/mrkdwn.js';
import { type ModalView, plain, type SlackMessage, section } from '../../../../slack/blocks.js';
import { channelInput } from '../../../../slack/inputs.js';
import { OFF_REASON_TEXT, type OffReason } from '../../domain/plan.js';
import type { ControlPlane } from '../../repository.js';
import type { SetupResult } from '../../service.js';
import { CONTROL_PLANE_BLOCK, CONTROL_PLANE_VIEW } from '../ids.js';

/** A canvas's web address; Slack opens it in the app. */
export const canvasUrl = (teamId: string, canvasId: string) => `https://app.slack.com/docs/${teamId}/${canvasId}`;

/** Where the canvas is now, in one sentence of mrkdwn (Home, settings, the modal). */
export function stateText(teamId: string, plane: ControlPlane | undefined): string {
  if (!plane || plane.status === 'creating' || !plane.canvasId) {
    return 'No GTM Control Plane yet: one canvas in a channel with the latest assessment, KPIs, the MQA working list, follow-ups, top risks and the next rituals, kept current by Loopkeeper.';
  }
  const where = `<${canvasUrl(teamId, plane.canvasId)}|GTM Control Plane> in <#${plane.channelId}>`;
  if (plane.status === 'off') {
    const why = OFF_REASON_TEXT[plane.offReason ?? 'canvas_deleted'];
    return `:warning: The ${where} stopped updating: ${escapeMrkdwn(why)}. Set it up again to get a new one.`;
  }
  return `The ${where} is kept current by Loopkeeper.`;
}

/** The setup modal: where the canvas goes. The channel's own canvas where the plan allows it. */
export function setupModal(teamId: string, plane: ControlPlane | undefined): ModalView {
  const again = plane?.status === 'off' || plane?.status === 'active';
  return {
    type: 'modal',
    callback_id: CONTROL_PLANE_VIEW.setup,
    title: plain('GTM Control Plane'),
    submit: plain(again ? 'Set up again' : 'Create'),
    close: plain('Cancel'),
    blocks: [
      section(stateText(teamId, plane)),
      channelInput(CONTROL_PLANE_BLOCK.channel, 'Channel', {
        optional: false,
        initial: plane?.channelId ?? null,
        hint: "It becomes the channel's canvas where your Slack plan allows; otherwise a canvas shared in the channel. Invite @Loopkeeper first.",
      }),
    ],
  };
}

const FAILURES: Record<string, string> = {
  not_in_channel: 'Loopkeeper is not in that channel: invite @Loopkeeper there, then try again.',
  channel_not_found:
    "Loopkeeper can't see that channel: invite @Loopkeeper there (private channels too), then try again.",
  is_archived: 'That channel is archived. Pick another one.',
  missing_scope:
    'Loopkeeper has no permission to create canvases yet: reinstall it so it gets canvases:write, then try again.',
  canvas_disabled_user_team: 'Canvases are turned off in this workspace.',
  restricted_action: "A workspace setting doesn't let Loopkeeper create canvases there.",
};

/** What the admin hears once the setup is done (or why not). */
export function setupResultMessage(teamId: string, result: SetupResult, refusal: SlackMessage): SlackMessage {
  if (result.ok) {
    const where = `<${canvasUrl(teamId, result.canvasId)}|GTM Control Plane>`;
    const text =
      result.kind === 'channel'
        ? `:white_check_mark: The ${where} is the canvas of <#${result.channelId}> now. Loopkeeper keeps it current.`
        : `:white_check_mark: The ${where} is shared in <#${result.channelId}> as a standalone canvas (${
            result.standaloneBecause === 'channel_has_canvas'
              ? 'the channel already has a canvas'
              : 'your Slack plan has no channel canvases'
          }). Loopkeeper keeps it current.`;
    return { text, blocks: [section(text)] };
  }
  if (result.reason === 'not_admin') return refusal;
  if (result.reason === 'in_progress') {
    const text = 'Someone is setting up the GTM Control Plane right now. Have a look in a minute.';
    return { text, blocks: [section(text)] };
  }
  const text = `:x: The GTM Control Plane could not be created. ${FAILURES[result.error] ?? `Slack answered \`${escapeMrkdwn(result.error)}\`.`}`;
  return { text, blocks: [section(text)] };
}

/** Something on Loopkeeper's side broke (it is logged): nothing was created. */
export function setupBrokeMessage(): SlackMessage {
  const text = ':x: The GTM Control Plane could not be created: something went wrong on our side. Please try again.';
  return { text, blocks: [section(text)] };
}

/** Posted in the channel once the canvas exists. */
export function announcementMessage(teamId: string, canvasId: string, kind: 'channel' | 'standalone', by: string) {
  const where = `<${canvasUrl(teamId, canvasId)}|GTM Control Plane>`;
  const text =
    kind === 'channel'
      ? `:bookmark_tabs: <@${by}> made the ${where} this channel's canvas: the latest assessment, GTM KPIs, the MQA working list, open follow-ups, top risks and the next rituals, kept current by Loopkeeper.`
      : `:bookmark_tabs: <@${by}> shared the ${where} here: the latest assessment, GTM KPIs, the MQA working list, open follow-ups, top risks and the next rituals, kept current by Loopkeeper.`;
  return { text, blocks: [section(text)] };
}

/** The DM to the admin who set it up, once, when it stops. */
export function offNoticeMessage(channelId: string, reason: OffReason): SlackMessage {
  const text = `:warning: The GTM Control Plane canvas in <#${channelId}> stopped updating: ${escapeMrkdwn(OFF_REASON_TEXT[reason])}. Loopkeeper won't touch it again until an admin sets it up again from \`/loop settings\` or App Home.`;
  return { text, blocks: [section(text)] };
}
