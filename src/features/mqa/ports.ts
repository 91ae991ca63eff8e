import type { PostResult } from '../../kernel/post-result.js';
import type { MqaDeliveryKind, MqaItem, MqaSettings } from './domain/index.js';

/** An item as the Slack views show it: the row plus what its journey says. */
export interface MqaItemView {
  item: MqaItem;
  acknowledgedAt: Date | null;
  /** Times the account re-entered active progression. */
  reEntries: number;
  /** Why a direct request stands out, who reviews it. */
  settings: MqaSettings;
}

/** What the MQA services need from Slack; implemented at the Slack edge with the MQA view builders. */
export interface MqaPoster {
  /** One outbox post: review message, director notice, card, reminder or escalation. */
  deliver(
    kind: MqaDeliveryKind,
    view: MqaItemView,
    target: { channelId: string; threadTs: string | null },
  ): Promise<PostResult>;
  /** Re-renders the card and the review message in place after a change. */
  refresh(view: MqaItemView): Promise<void>;
  /** A line in the card's thread (status echoes). */
  echo(view: MqaItemView, text: string): Promise<void>;
}
