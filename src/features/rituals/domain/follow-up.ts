/** A follow-up action agreed in a ritual: what, who, by when. */

export interface FollowUp {
  id: number;
  teamId: string;
  ritualId: number | null;
  postId: number | null;
  what: string;
  ownerId: string;
  /** Local date "YYYY-MM-DD" in `timeZone`. */
  dueDate: string;
  timeZone: string;
  status: 'open' | 'done';
  createdBy: string;
  createdAt: Date;
  doneAt: Date | null;
  doneBy: string | null;
  remindedAt: Date | null;
  threadChannelId: string | null;
  threadMessageTs: string | null;
  /** Due-date DMs Slack did not take so far. */
  remindAttempts: number;
}

export interface NewFollowUp {
  teamId: string;
  ritualId: number | null;
  postId: number | null;
  what: string;
  ownerId: string;
  dueDate: string;
  timeZone: string;
  createdBy: string;
  sourceViewId: string | null;
}
