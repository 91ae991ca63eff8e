import { authHandlers } from './auth.js';
import { canvasHandlers } from './canvases.js';
import { chatHandlers } from './chat.js';
import type { Handler } from './context.js';
import { conversationHandlers } from './conversations.js';
import { fileHandlers } from './files.js';
import { userHandlers } from './users.js';
import { viewHandlers } from './views.js';

export const handlers: Record<string, Handler> = {
  ...authHandlers,
  ...chatHandlers,
  ...conversationHandlers,
  ...userHandlers,
  ...viewHandlers,
  ...fileHandlers,
  ...canvasHandlers,
};

/** Methods that take the app-level (xapp-) token instead of the bot token. */
export const APP_TOKEN_METHODS = new Set(['apps.connections.open']);

/** Methods called without a token, with the app's client credentials (see oauth.ts). */
export const NO_TOKEN_METHODS = new Set(['oauth.v2.access']);

/**
 * Methods the double answers for a user (xoxp-) token too. Everything else is modelled for the bot only: a user
 * token there fails (not_allowed_token_type) and is a violation, so a test never silently posts "as the bot".
 */
export const USER_TOKEN_METHODS = new Set([
  'auth.test',
  'apps.uninstall',
  'users.info',
  'users.list',
  'users.lookupByEmail',
  'usergroups.users.list',
  'conversations.info',
  'conversations.list',
  'conversations.members',
  'conversations.history',
  'conversations.replies',
]);
