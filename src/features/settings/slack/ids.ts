// The settings modal's action, view and block ids, as Slack sends them back.

export const SETTINGS_VIEW = {
  modal: 'settings_modal',
  /** The workspace's ingest tokens: the list with Revoke buttons, and a name to create one. */
  ingestTokens: 'settings_ingest_tokens',
  /** A new token, shown this once; no submit. */
  ingestTokenCreated: 'settings_ingest_token_created',
  /** Why a create could not be done (no longer an admin, too many tokens); no submit. */
  ingestTokensNotice: 'settings_ingest_tokens_notice',
} as const;

export const SETTINGS_ACTION = {
  /** App Home's Settings button. */
  open: 'open_settings',
  /** The settings modal's "Ingest tokens" button: pushes the tokens modal. */
  ingestTokens: 'settings_open_ingest_tokens',
  /** A token's Revoke button; the value is the token's id. */
  revokeIngestToken: 'settings_revoke_ingest_token',
} as const;

export const SETTINGS_BLOCK = {
  segment: 'settings_segment',
  channel: 'settings_channel',
  timeZone: 'settings_time_zone',
  admins: 'settings_admins',
  ingestTokens: 'settings_ingest_tokens',
  tokenName: 'settings_ingest_token_name',
  /** The Control Plane canvas's button (the control-plane feature answers it). */
  controlPlane: 'settings_control_plane',
} as const;
