/** One Slack message an MQA owes someone (review request, card, reminder, escalation), sent once from an outbox. */

export type MqaDeliveryKind = 'review' | 'director' | 'card' | 'reminder' | 'escalation';

export interface MqaDelivery {
  id: number;
  teamId: string;
  itemId: number;
  kind: MqaDeliveryKind;
  channelId: string;
  threadTs: string | null;
  status: 'pending' | 'sent';
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  postedTs: string | null;
}
