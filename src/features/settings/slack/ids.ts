// The settings modal's action, view and block ids, as Slack sends them back.

export const SETTINGS_VIEW = {
  modal: 'settings_modal',
} as const;

export const SETTINGS_ACTION = {
  /** App Home's Settings button. */
  open: 'open_settings',
} as const;

export const SETTINGS_BLOCK = {
  segment: 'settings_segment',
  channel: 'settings_channel',
  timeZone: 'settings_time_zone',
  admins: 'settings_admins',
} as const;
