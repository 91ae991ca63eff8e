// The Control Plane's action, view and block ids, as Slack sends them back.

export const CONTROL_PLANE_ACTION = {
  /** "Create the GTM Control Plane": on App Home and in `/loop settings`; opens (or pushes) the setup modal. */
  open: 'control_plane_open',
} as const;

export const CONTROL_PLANE_VIEW = { setup: 'control_plane_setup' } as const;

export const CONTROL_PLANE_BLOCK = { channel: 'control_plane_channel' } as const;
