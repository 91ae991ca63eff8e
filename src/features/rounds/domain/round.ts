/** A team assessment round and one invitee's answer to it. */

export interface NewRound {
  teamId: string;
  channelId: string;
  startedBy: string;
  segment: string | null;
  anonymous: boolean;
  invitees: string[];
  createdAt: Date;
  deadlineAt: Date;
}

export interface StoredRound extends NewRound {
  id: number;
  invitationTs: string | null;
  status: 'open' | 'closed';
  closedAt: Date | null;
  closedBy: string | null;
  summaryTs: string | null;
  summaryError: string | null;
  summaryAttempts: number;
  nudgedAt: Date | null;
}

export interface RoundAnswer {
  function: string;
  scores: Record<string, number>;
  redFlags: string[];
  notes: Record<string, string>;
}

export interface StoredRoundResponse extends RoundAnswer {
  roundId: number;
  userId: string;
  invited: boolean;
  createdAt: Date;
  updatedAt: Date;
  edits: number;
}
