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

/** Where one outbox row goes, and which row it is. */
export interface MqaDeliveryTarget {
  channelId: string;
  threadTs: string | null;
  deliveryId: number;
}

/** What the MQA services need from Slack; implemented at the Slack edge with the MQA view builders. */
export interface MqaPoster {
  /**
   * One outbox post: review message, director notice, card, reminder or escalation. `deliveryId` (the outbox row)
   * goes along as the message's metadata, so findDelivered can tell later whether Slack has it.
   */
  deliver(kind: MqaDeliveryKind, view: MqaItemView, target: MqaDeliveryTarget): Promise<PostResult>;
  /**
   * The ts of the message an earlier attempt posted for this outbox row, if Slack has it (the attempt died before
   * recording Slack's answer). Throws when Slack can't tell: not knowing is not proof of absence. A poster that
   * never posts (the import CLI) need not have it.
   */
  findDelivered?(target: MqaDeliveryTarget): Promise<string | undefined>;
  /** Re-renders the card and the review message in place after a change. */
  refresh(view: MqaItemView): Promise<void>;
  /** A line in the card's thread (status echoes). */
  echo(view: MqaItemView, text: string): Promise<void>;
}
