// The data feature's view and block ids, as Slack sends them back.

export const DATA_VIEW = {
  /** `/loop data delete`: type DELETE to confirm. */
  delete: 'data_delete_modal',
} as const;

export const DATA_BLOCK = {
  confirm: 'data_delete_confirm',
} as const;
