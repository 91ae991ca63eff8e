/** A team's MQA settings: who reviews, where cards go, who hears about overdue ones, and the time limits. */

export interface MqaSettings {
  teamId: string;
  reviewChannelId: string | null;
  /** Marketing reviewers; when empty, Loopkeeper admins review. */
  reviewerIds: string[];
  /** Reviews direct requests first (the seed's Global Marketing Director). */
  directorId: string | null;
  defaultChannelId: string | null;
  escalationChannelId: string | null;
  escalationUserId: string | null;
  slaBusinessDays: number;
  stallDays: number;
}

export type MqaSettingsUpdate = Omit<MqaSettings, 'teamId'>;
