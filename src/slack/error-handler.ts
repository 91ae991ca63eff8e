import type { App, CodedError } from '@slack/bolt';
import type { Logger } from '../logging/logger.js';
import { section } from './blocks.js';
import type { Notifier } from './notifier.js';

const SORRY =
  "Sorry, something went wrong on Loopkeeper's side and nothing was changed. Please try again; if it keeps happening, tell your Loopkeeper admin.";

/** Bolt's global handler: log the failure and tell the person who triggered it, privately. */
export function registerErrorHandler(app: App, deps: { logger: Logger; notifier: Notifier }): void {
  // extendedErrorHandler is on (see app.ts), so Bolt passes { error, body }; its overloads type only the short form.
  const handler = async ({ error, body }: { error: CodedError; body: unknown }) => {
    deps.logger.error('listener failed', { error: error.original ?? error, code: error.code });
    const b = body as {
      user?: { id?: string };
      user_id?: string;
      response_url?: string;
      channel?: { id?: string };
      channel_id?: string;
    };
    const userId = b.user?.id ?? b.user_id;
    if (!userId) return;
    await deps.notifier.tellUser(
      { userId, responseUrl: b.response_url ?? null, channelId: b.channel?.id ?? b.channel_id ?? null },
      { text: SORRY, blocks: [section(`:warning: ${SORRY}`)] },
    );
  };
  app.error(handler as unknown as Parameters<App['error']>[0]);
}
