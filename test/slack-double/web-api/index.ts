import { authHandlers } from './auth.js';
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
};

/** Methods that take the app-level (xapp-) token instead of the bot token. */
export const APP_TOKEN_METHODS = new Set(['apps.connections.open']);
