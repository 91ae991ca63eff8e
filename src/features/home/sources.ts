/**
 * The narrow port App Home reads other features through. Each function is optional: a feature that isn't wired
 * (rituals, follow-ups, MQA) leaves it out and Home says how to start using it. Text fields are as people typed
 * them (Home escapes them); lists may be long (Home cuts them).
 */
export interface HomeRitual {
  name: string;
  nextAt: Date;
  channelId: string | null;
}

export interface HomeFollowUp {
  text: string;
  /** YYYY-MM-DD, or null for no due date. */
  dueDate: string | null;
  overdue: boolean;
}

export interface HomeMqaItem {
  accountName: string;
  /** Shown as is, e.g. "shared", "in progress". */
  status: string;
  overdue: boolean;
}

export interface HomeSources {
  /** The next occurrence of each ritual of the team. */
  nextRituals?(teamId: string, now: Date): Promise<HomeRitual[]>;
  /** The viewer's open follow-up actions. */
  openFollowUps?(teamId: string, userId: string, now: Date): Promise<HomeFollowUp[]>;
  /** The viewer's MQA items (owned or created) that still need something, overdue ones flagged. */
  myMqaItems?(teamId: string, userId: string, now: Date): Promise<HomeMqaItem[]>;
}
