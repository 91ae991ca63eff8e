/**
 * The seam between ritual posts and the features that feed them. The rituals feature builds a GTM review
 * digest or a monthly sync agenda from providers; the MQA, KPI and risk features each contribute one.
 * A provider returns plain content (already-escaped mrkdwn lines), never Block Kit: the digest view lays it out.
 */
import type { TableModel } from '../slack/table.js';

export type DigestSectionKey = 'assessment' | 'followups' | 'mqa' | 'kpis' | 'risks';

export interface DigestPeriod {
  teamId: string;
  /** Start of the period (the previous occurrence), inclusive. */
  from: Date;
  /** End of the period (this occurrence), exclusive. */
  to: Date;
  timeZone: string;
}

export interface DigestSection {
  key: DigestSectionKey;
  title: string;
  /** mrkdwn lines, user-typed text already escaped. Empty when there is no data. */
  lines: string[];
  /** Said plainly when `lines` is empty, e.g. "No MQAs were shared in this period." Nothing is invented. */
  emptyText: string;
  /**
   * The same content with its figures as a table, for a post that can show one (a message holds one table): the
   * lines before the table, the table, and the lines after it replace `lines`, which stay the text fallback.
   */
  table?: DigestTable;
}

export interface DigestTable {
  before: string[];
  model: TableModel;
  after: string[];
}

export interface DigestSectionProvider {
  key: DigestSectionKey;
  build(period: DigestPeriod): Promise<DigestSection>;
}
