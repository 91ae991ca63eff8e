/** An MQA on the working list, and one entry of its history. */

import type { MqaActor } from './actor.js';
import type { MqaItemInput } from './item-input.js';
import type { MqaStatus } from './lifecycle.js';

export interface PresalesCheck {
  icpAlignment: string;
  relevance: string;
  strategicFit: string;
  notes: string | null;
}

export interface MqaItem extends MqaItemInput {
  id: number;
  teamId: string;
  status: MqaStatus;
  rejectionReason: string | null;
  presales: PresalesCheck | null;
  routeRuleId: number | null;
  salesChannelId: string | null;
  reviewChannelId: string | null;
  reviewTs: string | null;
  cardChannelId: string | null;
  cardTs: string | null;
  /** Always a person: acknowledging is something Sales does. */
  acknowledgedBy: string | null;
  createdBy: MqaActor;
  createdAt: Date;
  lastActivityAt: Date;
  sharedAt: Date | null;
  remindedAt: Date | null;
  escalatedAt: Date | null;
}

export interface MqaEvent {
  id: number;
  itemId: number;
  type: string;
  fromStatus: MqaStatus | null;
  toStatus: MqaStatus | null;
  actor: MqaActor;
  at: Date;
  note: string | null;
}
