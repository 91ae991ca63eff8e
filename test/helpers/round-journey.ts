import type { SlackDouble } from '../../src/slack-double/index.js';
import { assessValues, type Scores } from './assess-journey.js';

/** Presses "Take the assessment" (newest invitation, or a given message) and returns the opened round modal. */
export async function openRoundModal(
  double: SlackDouble,
  userId: string,
  roundId: number,
  where: { channelId?: string; messageTs?: string } = {},
) {
  const opened = double.callsTo('views.open').length;
  await double.blockAction({ userId, actionId: 'round_take', value: String(roundId), ...where });
  await double.waitForCall('views.open', (c) => double.callsTo('views.open').indexOf(c) >= opened);
  const view = double.topView(userId);
  if (view?.callback_id !== 'round_answer_modal') throw new Error('no round modal open');
  return view;
}

/** Answers a round: opens the modal and submits it. */
export async function answerRound(
  double: SlackDouble,
  userId: string,
  roundId: number,
  answer: { function: string; scores: Scores; flags?: Record<string, string[]>; notes?: Record<string, string> },
) {
  const view = await openRoundModal(double, userId, roundId);
  const values = {
    'round_function/value': answer.function,
    ...assessValues({ scores: answer.scores, flags: answer.flags ?? {}, notes: answer.notes ?? {} }),
  };
  const { ack } = await double.submitView({ userId, viewId: view.id, values });
  return { view, ack };
}
