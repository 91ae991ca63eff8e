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
import type { MqaItemsRepository, MqaListQuery } from './repository.js';
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

  /**
   * The awaiting items (of everyone, or of one person) past their SLA at `at`: those shared by the SLA cut-off are
   * overdue for sure and left to the database to count or page; the few shared just after it are decided one by one
   * (time zones, DST).
   */
  async function overdueAt(teamId: string, at: Date, whose: Pick<MqaListQuery, 'ownerOrCreator'> = {}) {
    const [s, timeZone] = await Promise.all([settings.get(teamId), deps.timeZoneOf(teamId)]);
    const policy = { slaBusinessDays: s.slaBusinessDays, timeZone };
    const cutoff = overdueSharedCutoff(at, policy);
    const surely = { statuses: AWAITING_ACK, ...whose, sharedAtOrBefore: cutoff };
    const [counted, nearCutoff] = await Promise.all([
      items.count(teamId, surely),
      items.list(teamId, {
        statuses: AWAITING_ACK,
        ...whose,
        sharedAfter: cutoff,
        sharedAtOrBefore: new Date(cutoff.getTime() + OVERDUE_RECHECK_MS),
        limit: Number.MAX_SAFE_INTEGER,
      }),
    ]);
    const alsoOverdue = nearCutoff.filter((i) => i.sharedAt && slaState(i.sharedAt, at, policy) !== 'ok');
    return {
      total: counted + alsoOverdue.length,
      /** The first `limit` of them, in list order (no read when none is surely overdue, as on most Homes). */
      first: async (limit: number) =>
        [...(counted > 0 ? await items.list(teamId, { ...surely, limit }) : []), ...alsoOverdue]
          .sort(homeOrder)
          .slice(0, limit),
    };
  }

  const overdueCount = async (teamId: string, at: Date): Promise<number> => (await overdueAt(teamId, at)).total;

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
      const overdue = await overdueAt(teamId, deps.clock(), { ownerOrCreator: userId });
      const open = { statuses: OPEN_STATUSES, ownerOrCreator: userId };
      const [first, firstOverdue, total] = await Promise.all([
        // Overdue ones come first on Home: with `shown` of them, no other item is listed.
        overdue.total >= shown ? [] : items.list(teamId, { ...open, limit: shown + overdue.total }),
        overdue.first(shown),
        items.count(teamId, open),
      ]);
      const labelled = (list: MqaItem[]) => list.map((i) => ({ ...i, statusLabel: STATUS_LABEL[i.status] }));
      return { mine: labelled(first), total, overdue: labelled(firstOverdue), overdueTotal: overdue.total };
    },
  };
}

export type MqaReadModels = ReturnType<typeof createMqaReadModels>;
