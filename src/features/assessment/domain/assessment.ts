/** An assessment as stored: what one person answered, where its summary goes and where it was posted. */

export interface NewAssessment {
  teamId: string;
  userId: string;
  segment: string;
  scores: Record<string, number>;
  notes: Record<string, string>;
  redFlags: string[];
  originChannelId: string | null;
  targetChannelId: string;
  sourceViewId: string | null;
  createdAt: Date;
}

export interface StoredAssessment extends NewAssessment {
  id: number;
  postedChannelId: string | null;
  postedTs: string | null;
  postError: string | null;
}
