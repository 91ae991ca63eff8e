import type { KnownBlock } from '../slack/blocks.js';

/** Who App Home is being built for, and when; `timeZone` is the team's, where due and review dates are days. */
export interface HomeViewer {
  teamId: string;
  userId: string;
  isAdmin: boolean;
  now: Date;
  timeZone: string;
}

export interface HomeButton {
  text: string;
  actionId: string;
  style?: 'primary';
}

/** One feature's part of one person's App Home. Text is already escaped mrkdwn. */
export interface HomeSectionContent {
  /** Blocks in the body of Home, in order. */
  blocks: KnownBlock[];
  /** Lines for the "Overdue for you" box at the top (cut there), without bullets. */
  overdue?: string[];
  /** How many are overdue in all, when `overdue` holds only the first of them (at least HOME_LIST_LIMIT). */
  overdueTotal?: number;
}

/**
 * A part of App Home that a feature contributes. Home lays the parts out in feature order: the buttons in one row,
 * the overdue lines in one box, the blocks in the body (a divider before each part that starts a group), and the
 * commands in the footer.
 */
export interface HomeSection {
  key: string;
  /** A divider goes before this part. */
  startsGroup?: boolean;
  /** Buttons in Home's top row; `adminOnly` ones only for Loopkeeper admins. */
  buttons?: Array<HomeButton & { adminOnly?: boolean }>;
  /** The command that lists everything behind this part's overdue lines. */
  overdueCommand?: string;
  /** Commands named in Home's footer; `adminOnly` ones only for admins. */
  commands?: Array<{ usage: string; adminOnly?: boolean }>;
  load(viewer: HomeViewer): Promise<HomeSectionContent>;
}

/** Items per list on Home; the rest is a count and the command that lists them all. The view stays far below 100 blocks. */
export const HOME_LIST_LIMIT = 5;

export const code = (command: string) => `\`${command}\``;

/** "• a\n• b\n…and 7 more: `/loop x`" — one section, however long the list. `more` says where to see them all. */
export function homeList(lines: string[], more: string, total = lines.length): string {
  const shown = lines.slice(0, HOME_LIST_LIMIT);
  const rest = total - shown.length;
  return [...shown.map((l) => `• ${l}`), ...(rest > 0 ? [`…and ${rest} more: ${more}`] : [])].join('\n');
}
