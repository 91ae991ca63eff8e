import { type ModalView, plain, section } from '../../../../slack/blocks.js';
import { INPUT_ACTION } from '../../../../slack/ids.js';
import { segmentOptions } from '../../../assessment/slack/blocks/assess-modal.js';
import { CONTROL_PLANE_ACTION } from '../../../control-plane/slack/ids.js';
import type { TeamSettings } from '../../domain/team-settings.js';
import { SETTINGS_ACTION, SETTINGS_BLOCK, SETTINGS_VIEW } from '../ids.js';

export function settingsModal(settings: TeamSettings, privateMetadata: string): ModalView {
  const segments = segmentOptions();
  const initialSegment = segments.find((o) => o.value === settings.segment);
  return {
    type: 'modal',
    callback_id: SETTINGS_VIEW.modal,
    title: plain('Loopkeeper settings'),
    submit: plain('Save'),
    close: plain('Cancel'),
    private_metadata: privateMetadata,
    blocks: [
      section('Team defaults for every Loopkeeper ritual in this workspace.'),
      {
        type: 'input',
        block_id: SETTINGS_BLOCK.segment,
        optional: true,
        label: plain('Default segment'),
        hint: plain('Pre-selected in /loop assess; the verdict compares scores with this segment.'),
        element: {
          type: 'static_select',
          action_id: INPUT_ACTION,
          placeholder: plain('Choose a segment'),
          options: segments,
          ...(initialSegment ? { initial_option: initialSegment } : {}),
        },
      },
      {
        type: 'input',
        block_id: SETTINGS_BLOCK.channel,
        optional: true,
        label: plain('Assessments channel'),
        hint: plain('Where assessment summaries go by default. Invite @Loopkeeper if it is private.'),
        element: {
          type: 'conversations_select',
          action_id: INPUT_ACTION,
          placeholder: plain('Choose a channel'),
          filter: { include: ['public', 'private'], exclude_bot_users: true },
          ...(settings.assessmentsChannelId ? { initial_conversation: settings.assessmentsChannelId } : {}),
        },
      },
      {
        type: 'input',
        block_id: SETTINGS_BLOCK.timeZone,
        label: plain('Time zone'),
        hint: plain('IANA name, e.g. Europe/Berlin or America/New_York. Rituals run on this clock.'),
        element: {
          type: 'plain_text_input',
          action_id: INPUT_ACTION,
          initial_value: settings.timeZone,
          max_length: 64,
        },
      },
      {
        type: 'input',
        block_id: SETTINGS_BLOCK.admins,
        optional: true,
        label: plain('Loopkeeper admins'),
        hint: plain('Workspace admins and owners are always Loopkeeper admins.'),
        element: {
          type: 'multi_users_select',
          action_id: INPUT_ACTION,
          placeholder: plain('Add people'),
          ...(settings.admins.length > 0 ? { initial_users: settings.admins } : {}),
        },
      },
      {
        type: 'section',
        block_id: SETTINGS_BLOCK.ingestTokens,
        text: {
          type: 'mrkdwn',
          text: '*Ingest tokens*\nLet a CRM push MQA accounts and GTM data into this workspace, one token per workflow.',
        },
        accessory: {
          type: 'button',
          action_id: SETTINGS_ACTION.ingestTokens,
          text: plain('Ingest tokens'),
          value: 'open',
        },
      },
      {
        type: 'section',
        block_id: SETTINGS_BLOCK.controlPlane,
        text: {
          type: 'mrkdwn',
          text: '*GTM Control Plane*\nOne canvas in a channel with the latest assessment, KPIs, MQAs, follow-ups, risks and rituals, kept current.',
        },
        accessory: {
          type: 'button',
          action_id: CONTROL_PLANE_ACTION.open,
          text: plain('Create the GTM Control Plane'),
          value: 'open',
        },
      },
    ],
  };
}
