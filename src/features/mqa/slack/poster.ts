import type { webApi } from '@slack/bolt';
import type { Logger } from '../../../logging/logger.js';
import { section } from '../../../slack/blocks.js';
import { type Notifier, slackErrorCode } from '../../../slack/notifier.js';
import type { MqaItemView, MqaPoster } from '../ports.js';
import { accountCard, directorNotice, escalationMessage, reminderMessage, reviewMessage } from './blocks/messages.js';

/** Metadata on every outbox post, so an attempt that died mid-post can be found in Slack instead of posted twice. */
export const MQA_DELIVERY_EVENT = 'loopkeeper_mqa_delivery';

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
    deliver(kind, view, target) {
      const message = {
        ...render[kind](view),
        ...(target.threadTs ? { thread_ts: target.threadTs } : {}),
        metadata: { event_type: MQA_DELIVERY_EVENT, event_payload: { delivery_id: target.deliveryId } },
      };
      return notifier.postMessage(target.channelId, message);
    },

    async findDelivered(target) {
      const ours = (payload: Record<string, unknown> | undefined) => Number(payload?.delivery_id) === target.deliveryId;
      if (!target.threadTs) return notifier.findByMetadata(target.channelId, MQA_DELIVERY_EVENT, ours);
      // A reply (a reminder in the card's thread) is not in the channel's history: it is looked for in the thread.
      const thread = await client.conversations.replies({
        channel: target.channelId,
        ts: target.threadTs,
        include_all_metadata: true,
        limit: 200,
      });
      return thread.messages?.find((m) => {
        const metadata = m.metadata as { event_type?: string; event_payload?: Record<string, unknown> } | undefined;
        return metadata?.event_type === MQA_DELIVERY_EVENT && ours(metadata.event_payload);
      })?.ts;
    },

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
