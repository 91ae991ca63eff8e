import { type KnownBlock, type ModalView, option, plain, section, slackDate } from '../../../../slack/blocks.js';
import { INPUT_ACTION } from '../../../../slack/ids.js';
import { FUNCTIONS, type FunctionKey } from '../../../assessment/domain/index.js';
import { type AssessAnswers, dimensionInputBlocks } from '../../../assessment/slack/blocks/assess-modal.js';
import { ROUND } from '../ids.js';

export interface RoundModalInput {
  roundId: number;
  deadlineAt: Date;
  anonymous: boolean;
  /** The respondent's latest answer: the modal opens pre-filled with it. */
  previous?: AssessAnswers & { function: FunctionKey };
}

/** The same questions as a single assessment, plus the respondent's function; answers stay private. */
export function roundAnswerModal(input: RoundModalInput): ModalView {
  const functions = FUNCTIONS.map((f) => option(f.name, f.key));
  const intro = [
    `Round #${input.roundId}, open until ${slackDate(input.deadlineAt)}. Your answers are private: the channel only sees the team's results${input.anonymous ? ', and this round is anonymous (no names anywhere)' : ''}.`,
    input.previous
      ? '_This is your current answer: change what you like and submit again; the latest answer counts._'
      : '',
  ].filter(Boolean);
  const blocks: KnownBlock[] = [
    section(intro.join('\n')),
    {
      type: 'input',
      block_id: ROUND.functionBlock,
      label: plain('Your function'),
      hint: plain('The summary compares how Product and Marketing see each dimension.'),
      element: {
        type: 'static_select',
        action_id: INPUT_ACTION,
        placeholder: plain('Choose your function'),
        options: functions,
        ...(input.previous ? { initial_option: functions.find((o) => o.value === input.previous?.function) } : {}),
      },
    },
    ...dimensionInputBlocks(input.previous),
  ];
  return {
    type: 'modal',
    callback_id: ROUND.answerView,
    title: plain('Team assessment'),
    submit: plain(input.previous ? 'Update answer' : 'Submit'),
    close: plain('Cancel'),
    private_metadata: JSON.stringify({ roundId: input.roundId }),
    blocks,
  };
}
