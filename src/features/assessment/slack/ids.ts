// The assessment's action, view and block ids, as Slack sends them back.

export const ASSESS_VIEW = {
  modal: 'assess_modal',
} as const;

export const ASSESS_ACTION = {
  /** App Home's "Take the assessment". */
  open: 'open_assess',
  /** "Post again" on the private notice of a failed summary post. */
  repost: 'assessment_repost',
} as const;

export const ASSESS_BLOCK = {
  segment: 'assess_segment',
  channel: 'assess_channel',
  score: (dimension: string) => `score:${dimension}`,
  flags: (dimension: string) => `flags:${dimension}`,
  note: (dimension: string) => `note:${dimension}`,
} as const;
