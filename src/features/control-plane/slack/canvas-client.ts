import type { webApi } from '@slack/bolt';
import { rejectingRateLimits, retryAfterOf, triesOf } from '../../../slack/pacing/slack-calls.js';
import type { SectionHeading } from '../ports.js';

type WebClient = webApi.WebClient;

const waitSeconds = (seconds: number) => new Promise<void>((resolve) => setTimeout(resolve, seconds * 1000));

/** Longest Retry-After waited out inside one run; a longer one ends the run (the job's backoff takes over). */
const MAX_RETRY_AFTER_SECONDS = 30;

/**
 * The canvas calls, one Slack method each. A 429 is waited out here, for this call alone (the SDK would pause every
 * call of the client), as many times as the client's retry policy allows; 5xx and network errors are retried by the
 * client's own policy. Whatever still fails is thrown with Slack's error code in `data.error`.
 */
export function createCanvasClient(client: WebClient, options: { wait?: (seconds: number) => Promise<void> } = {}) {
  const wait = options.wait ?? waitSeconds;

  async function call<T>(method: string, args: Record<string, unknown>): Promise<T> {
    const calls = await rejectingRateLimits(client);
    const tries = triesOf(calls);
    for (let attempt = 1; ; attempt += 1) {
      try {
        return (await calls.apiCall(method, args)) as T;
      } catch (error) {
        const retryAfter = retryAfterOf(error);
        if (retryAfter === undefined || attempt >= tries || retryAfter > MAX_RETRY_AFTER_SECONDS) throw error;
        await wait(retryAfter);
      }
    }
  }

  const markdown = (text: string) => ({ type: 'markdown', markdown: text });

  return {
    async createChannelCanvas(channelId: string, title: string, content: string): Promise<string> {
      const answer = await call<{ canvas_id: string }>('conversations.canvases.create', {
        channel_id: channelId,
        title,
        document_content: markdown(content),
      });
      return answer.canvas_id;
    },

    /** A standalone canvas, tabbed in the channel (its members can open it there). */
    async createStandaloneCanvas(channelId: string, title: string, content: string): Promise<string> {
      const answer = await call<{ canvas_id: string }>('canvases.create', {
        title,
        channel_id: channelId,
        document_content: markdown(content),
      });
      return answer.canvas_id;
    },

    /**
     * The id of the first section under this header, if the canvas still has one. With several (someone added a
     * heading that contains ours), the first is rewritten: inserting another copy would only add to them.
     */
    async findSection(canvasId: string, heading: SectionHeading): Promise<string | undefined> {
      const answer = await call<{ sections?: Array<{ id: string }> }>('canvases.sections.lookup', {
        canvas_id: canvasId,
        criteria: { section_types: [heading.level], contains_text: heading.text },
      });
      return answer.sections?.[0]?.id;
    },

    async replaceSection(canvasId: string, sectionId: string, content: string): Promise<void> {
      await call('canvases.edit', {
        canvas_id: canvasId,
        changes: [{ operation: 'replace', section_id: sectionId, document_content: markdown(content) }],
      });
    },

    async insertSection(canvasId: string, where: 'start' | 'end', content: string): Promise<void> {
      await call('canvases.edit', {
        canvas_id: canvasId,
        changes: [
          { operation: where === 'start' ? 'insert_at_start' : 'insert_at_end', document_content: markdown(content) },
        ],
      });
    },

    async permalink(channelId: string, ts: string): Promise<string | undefined> {
      const answer = await call<{ permalink?: string }>('chat.getPermalink', { channel: channelId, message_ts: ts });
      return answer.permalink;
    },
  };
}

export type CanvasClient = ReturnType<typeof createCanvasClient>;
