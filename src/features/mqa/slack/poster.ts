import type { webApi } from '@slack/bolt';
import type { Logger } from '../../../logging/logger.js';
import { section } from '../../../slack/blocks.js';
import { type Notifier, slackErrorCode } from '../../../slack/notifier.js';
import type { MqaItemView, MqaPoster } from '../ports.js';
import { accountCard, directorNotice, escalationMessage, reminderMessage, reviewMessage } from './blocks/messages.js';

/** The MQA poster port over the notifier: renders each outbox kind with the MQA view builders. */
export function createMqaPoster(client: webApi.WebClient, notifier: Notifier, logger: Logger): MqaPoster {
  const render = {
    review: reviewMessage,
    director: directorNotice,
    card: accountCard,
    reminder: reminderMessage,
    escalation: escalationMessage,
  };

  async function update(channel: string, ts: string, message: ReturnType<typeof accountCard>) {
    try {
      await client.chat.update({ channel, ts, ...message });
    } catch (error) {
      logger.warn('chat.update failed', { channel, error: slackErrorCode(error) });
    }
  }

  return {
    deliver: (kind, view, target) =>
      notifier.postMessage(target.channelId, {
        ...render[kind](view),
        ...(target.threadTs ? { thread_ts: target.threadTs } : {}),
      }),
    async refresh(view: MqaItemView) {
      const { item } = view;
      if (item.cardChannelId && item.cardTs) await update(item.cardChannelId, item.cardTs, accountCard(view));
      if (item.reviewChannelId && item.reviewTs) await update(item.reviewChannelId, item.reviewTs, reviewMessage(view));
    },
    async echo(view: MqaItemView, text: string) {
      const { item } = view;
      if (!item.cardChannelId || !item.cardTs) return;
      await notifier.postMessage(item.cardChannelId, { text, blocks: [section(text)], thread_ts: item.cardTs });
    },
  };
}
