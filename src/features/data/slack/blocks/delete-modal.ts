import { type ModalView, plain, section } from '../../../../slack/blocks.js';
import { COMMAND } from '../../../../slack/ids.js';
import { textInput } from '../../../../slack/inputs.js';
import { DELETE_CONFIRMATION } from '../../domain/confirmation.js';
import { DATA_BLOCK, DATA_VIEW } from '../ids.js';

/** `/loop data delete`: what goes, what stays, and the word to type. */
export function deleteModal(privateMetadata: string): ModalView {
  return {
    type: 'modal',
    callback_id: DATA_VIEW.delete,
    title: plain('Delete workspace data'),
    submit: plain('Delete everything'),
    close: plain('Cancel'),
    private_metadata: privateMetadata,
    blocks: [
      section(
        ":warning: This deletes *all of this workspace's Loopkeeper data*, for everyone: team settings and " +
          'Loopkeeper admins, assessments and rounds, rituals and follow-ups, MQA accounts and routes, risks, KPI ' +
          'data and ingest tokens. It cannot be undone.',
      ),
      section(
        `Loopkeeper stays installed and starts again from nothing. To keep a copy, run \`${COMMAND} data export\` first.`,
      ),
      textInput(DATA_BLOCK.confirm, `Type ${DELETE_CONFIRMATION} to confirm`, {
        max: 20,
        placeholder: DELETE_CONFIRMATION,
      }),
    ],
  };
}
