// Every command, action, view and block id Slack sends back to us, defined once. manifest.yml must match COMMAND.
export const COMMAND = '/loop';

export const VIEW = {
  assess: 'assess_modal',
  settings: 'settings_modal',
} as const;

export const ACTION = {
  assessmentRepost: 'assessment_repost',
  openAssess: 'open_assess',
  openSettings: 'open_settings',
} as const;

export const SETTINGS_BLOCK = {
  segment: 'settings_segment',
  channel: 'settings_channel',
  timeZone: 'settings_time_zone',
  admins: 'settings_admins',
} as const;

export const ASSESS_BLOCK = {
  segment: 'assess_segment',
  channel: 'assess_channel',
  score: (dimension: string) => `score:${dimension}`,
  flags: (dimension: string) => `flags:${dimension}`,
  note: (dimension: string) => `note:${dimension}`,
} as const;

/** Inside an input block the element's action id; one per element kind keeps parsing simple. */
export const INPUT_ACTION = 'value';
