// Assessment rounds' action, view and block ids, as Slack sends them back.

export const ROUND = {
  answerView: 'round_answer_modal',
  takeAction: 'round_take',
  closeAction: 'round_close',
  /** "Start a team round" under a single assessment's summary. */
  startAction: 'round_start',
  functionBlock: 'round_function',
} as const;
