import { formatElapsed } from '../../domain/time/elapsed.js';
import type { DigestPeriod, DigestSection, DigestSectionProvider } from '../digest-section.js';
import { HOME_LIST_LIMIT } from '../home-section.js';
import {
  AWAITING_ACK,
  type MqaItem,
  OPEN_STATUSES,
  OVERDUE_RECHECK_MS,
  overdueSharedCutoff,
  STATUS_LABEL,
  slaState,
  summarizePeriod,
} from './domain/index.js';
import type { MqaItemsRepository } from './repository.js';
import type { MqaSettingsRepository } from './settings-repository.js';

/** An item as Home lists it: the row plus its status as people read it ("Shared with Sales", "Not a fit for Sales"). */
export type MqaHomeItem = MqaItem & { statusLabel: string };

export interface MqaHomeItems {
  /**
   * The first of the open items the user owns, acknowledged or added, in Home's order, enough to fill Home's list
   * after the overdue ones; empty when `shown` of them are overdue, since those fill the list first.
   */
  mine: MqaHomeItem[];
  /** How many open items the user has in all, so Home's "…and N more" is true. */
  total: number;
  /** The first `shown` of the user's open items past their SLA, in Home's order; never other people's items. */
  overdue: MqaHomeItem[];
  /** How many of the user's open items are past their SLA in all. */
  overdueTotal: number;
}

/** The order Home and `/loop mqa list` show items in: latest activity first (the repository's list order). */
const homeOrder = (a: MqaItem, b: MqaItem) => b.lastActivityAt.getTime() - a.lastActivityAt.getTime() || b.id - a.id;

/** Read models of the MQA working list: App Home's items and the digest section. MQL numbers never appear here. */
export function createMqaReadModels(deps: {
  items: MqaItemsRepository;
  settings: MqaSettingsRepository;
  timeZoneOf(teamId: string): Promise<string>;
  clock: () => Date;
}) {
  const { items, settings } = deps;

  async function overdueAmong<T extends MqaItem>(teamId: string, candidates: T[], at: Date): Promise<T[]> {
    const [s, timeZone] = await Promise.all([settings.get(teamId), deps.timeZoneOf(teamId)]);
    return candidates.filter(
      (i) =>
        AWAITING_ACK.includes(i.status) &&
        i.sharedAt &&
        slaState(i.sharedAt, at, { slaBusinessDays: s.slaBusinessDays, timeZone }) !== 'ok',
    );
  }

  /** Counted in the database up to the SLA cut-off; the few shared just after it are decided one by one. */
  async function overdueCount(teamId: string, at: Date): Promise<number> {
    const [s, timeZone] = await Promise.all([settings.get(teamId), deps.timeZoneOf(teamId)]);
    const policy = { slaBusinessDays: s.slaBusinessDays, timeZone };
    const cutoff = overdueSharedCutoff(at, policy);
    const [counted, nearCutoff] = await Promise.all([
      items.count(teamId, { statuses: AWAITING_ACK, sharedAtOrBefore: cutoff }),
      items.list(teamId, {
        statuses: AWAITING_ACK,
        sharedAfter: cutoff,
        sharedAtOrBefore: new Date(cutoff.getTime() + OVERDUE_RECHECK_MS),
        limit: Number.MAX_SAFE_INTEGER,
      }),
    ]);
    return counted + nearCutoff.filter((i) => i.sharedAt && slaState(i.sharedAt, at, policy) !== 'ok').length;
  }

  const digestProvider: DigestSectionProvider = {
    key: 'mqa',
    async build(period: DigestPeriod): Promise<DigestSection> {
      const events = await items.statusEvents(period.teamId, period.from, period.to);
      const overdue = await overdueCount(period.teamId, period.to);
      const s = summarizePeriod(events, period.from, period.to, overdue);
      const any = s.shared + s.acknowledged + s.overdue + s.stalled + s.reEntered + s.won + s.lost > 0;
      const median = s.medianMsToAcknowledge === null ? 'n/a' : formatElapsed(s.medianMsToAcknowledge);
      return {
        key: 'mqa',
        title: 'Marketing Qualified Accounts (MQA)',
        lines: any
          ? [
              `Shared with Sales: *${s.shared}* · Acknowledged: *${s.acknowledged}* · Median time to acknowledge: *${median}*`,
              `Overdue (not acknowledged within the SLA): *${s.overdue}* · Stalled: *${s.stalled}* · Re-entered: *${s.reEntered}*`,
              `Won: *${s.won}* · Lost: *${s.lost}*`,
            ]
          : [],
        emptyText: 'No MQA activity in this period.',
      };
    },
  };

  return {
    digestProvider,
    overdueCount,
    /**
     * For App Home: the user's first overdue items, the first of the others, and how many of each there are. A seller
     * can have thousands of open accounts and hundreds overdue; Home lists five, so the rows read are a few pages
     * of `shown` and the rest is counted in the database.
     */
    async itemsFor(teamId: string, userId: string, shown = HOME_LIST_LIMIT): Promise<MqaHomeItems> {
      const now = deps.clock();
      const [s, timeZone] = await Promise.all([settings.get(teamId), deps.timeZoneOf(teamId)]);
      const cutoff = overdueSharedCutoff(now, { slaBusinessDays: s.slaBusinessDays, timeZone });
      const awaiting = { statuses: AWAITING_ACK, ownerOrCreator: userId };
      // Shared by the cut-off: overdue for sure. Shortly after it: decided one by one (time zones, DST).
      const [surely, surelyCount, nearCutoff] = await Promise.all([
        items.list(teamId, { ...awaiting, sharedAtOrBefore: cutoff, limit: shown }),
        items.count(teamId, { ...awaiting, sharedAtOrBefore: cutoff }),
        items.list(teamId, {
          ...awaiting,
          sharedAfter: cutoff,
          sharedAtOrBefore: new Date(cutoff.getTime() + OVERDUE_RECHECK_MS),
          limit: Number.MAX_SAFE_INTEGER,
        }),
      ]);
      const alsoOverdue = await overdueAmong(teamId, nearCutoff, now);
      const overdue = [...surely, ...alsoOverdue].sort(homeOrder).slice(0, shown);
      const overdueTotal = surelyCount + alsoOverdue.length;
      const open = { statuses: OPEN_STATUSES, ownerOrCreator: userId };
      const [first, total] = await Promise.all([
        // Overdue ones come first on Home: with `shown` of them, no other item is listed.
        overdueTotal >= shown ? Promise.resolve([]) : items.list(teamId, { ...open, limit: shown + overdueTotal }),
        items.count(teamId, open),
      ]);
      const labelled = (list: MqaItem[]) => list.map((i) => ({ ...i, statusLabel: STATUS_LABEL[i.status] }));
      return { mine: labelled(first), total, overdue: labelled(overdue), overdueTotal };
    },
  };
}

export type MqaReadModels = ReturnType<typeof createMqaReadModels>;
