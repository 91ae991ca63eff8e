/** A team's Loopkeeper settings. */

export interface TeamSettings {
  teamId: string;
  /** Segment key from the domain; null until an admin picks one. */
  segment: string | null;
  assessmentsChannelId: string | null;
  timeZone: string;
  /** Loopkeeper admins added in settings; workspace admins and owners are admins without being listed. */
  admins: string[];
}

export type TeamSettingsUpdate = Omit<TeamSettings, 'teamId'>;
