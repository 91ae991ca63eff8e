/** The bot scopes Loopkeeper asks for when installed through OAuth; the same list as manifest.yml (a test checks). */
export const BOT_SCOPES = [
  'commands',
  'chat:write',
  'chat:write.public',
  'users:read',
  'files:write',
  'im:write',
  'usergroups:read',
  'channels:history',
  'groups:history',
  'reactions:read',
  'canvases:write',
  'canvases:read',
];
