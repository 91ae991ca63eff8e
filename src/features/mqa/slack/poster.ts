import { section } from '../../../slack/blocks.js';
import type { Notifier } from '../../../slack/notifier.js';
import type { MqaItemView, MqaPoster } from '../ports.js';
import { accountCard, directorNotice, escalationMessage, reminderMessage, reviewMessage } from './blocks/messages.js';

/** Metadata on every outbox post, so an attempt that died mid-post can be found in Slack instead of posted twice. */
export const MQA_DELIVERY_EVENT = 'loopkeeper_mqa_delivery';

/**
 * The MQA poster port over the notifier: renders each outbox kind with the MQA view builders. Every call goes through
 * the notifier, so a 429 waits in its own lane instead of pausing the app's other Slack calls.
 */
export function createMqaPoster(notifier: Notifier): MqaPoster {
  const render = {
    review: reviewMessage,
    director: directorNotice,
    card: accountCard,
    reminder: reminderMessage,
    escalation: escalationMessage,
  };

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
      // A reply (a reminder in the card's thread) is not in the channel's history: it is looked for in the thread.
      const where = target.threadTs ? { threadTs: target.threadTs } : {};
      return notifier.findByMetadata(target.channelId, MQA_DELIVERY_EVENT, ours, where);
    },

    async refresh(view: MqaItemView) {
      const { item } = view;
      // The notifier logs a refused update; the message stays as it was until the next change renders it again.
      if (item.cardChannelId && item.cardTs) {
        await notifier.updateMessage(item.cardChannelId, item.cardTs, accountCard(view));
      }
      if (item.reviewChannelId && item.reviewTs) {
        await notifier.updateMessage(item.reviewChannelId, item.reviewTs, reviewMessage(view));
      }
    },
    async echo(view: MqaItemView, text: string) {
      const { item } = view;
      if (!item.cardChannelId || !item.cardTs) return;
      await notifier.postMessage(item.cardChannelId, { text, blocks: [section(text)], thread_ts: item.cardTs });
    },
  };
}
