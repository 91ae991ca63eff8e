import { escapeMrkdwn } from '../../domain/text/mrkdwn.js';
import type { Clock } from '../../kernel/clock.js';
import { batchHomeRefreshes, type HomeRefresher } from '../../kernel/home-refresh.js';
import { anyWorkspace, type InWorkspace } from '../../kernel/in-workspace.js';
import { isSlackPlatformError } from '../../kernel/post-result.js';
import type { MqaDeliveriesRepository } from './deliveries-repository.js';
import {
  actorMrkdwn,
  journeyDates,
  LOOPKEEPER_ACTOR,
  type MqaActor,
  type MqaDelivery,
  type MqaDeliveryKind,
  type MqaItem,
  type MqaItemInput,
  type MqaSettings,
  type MqaSettingsUpdate,
  type MqaStatus,
  type PersonActor,
  type PresalesCheck,
  personId,
  routeItem,
  STATUS_LABEL,
  transition,
} from './domain/index.js';
import type { MqaDeliveryTarget, MqaItemView, MqaPoster } from './ports.js';
import type { MqaItemsRepository } from './repository.js';
import type { MqaSettingsRepository } from './settings-repository.js';

export interface MqaServiceDeps {
  /** Runs each due row's work as work of its workspace (its token; skipped when uninstalled). */
  inWorkspace?: InWorkspace;
  items: MqaItemsRepository;
  deliveries: MqaDeliveriesRepository;
  settings: MqaSettingsRepository;
  poster: MqaPoster;
  clock: Clock;
  /** Loopkeeper admins (team settings); they review when no marketing reviewers are set. */
  isAdmin(teamId: string, userId: string): Promise<boolean>;
  home?: HomeRefresher;
}

export type ChangeResult = { ok: true; item: MqaItem } | { ok: false; reason: string };

/** Backoff for a post Slack did not take: 1, 2, 4 ... minutes, at most an hour. */
export const retryDelayMs = (attempts: number) => Math.min(60, 2 ** Math.max(0, attempts - 1)) * 60_000;
/**
 * How long a claimed outbox row is ours. Longer than the Web API client's own retries (up to ~30 min in production),
 * so while chat.postMessage waits out a 429/5xx no tick or second instance claims the row and posts it again.
 */
export const MQA_LEASE_MS = 40 * 60_000;

export function createMqaService(deps: MqaServiceDeps) {
  const { items, deliveries, settings, poster, clock } = deps;
  const inWorkspace = deps.inWorkspace ?? anyWorkspace;
  const home = deps.home ?? { refresh: () => {} };

  async function viewOf(item: MqaItem): Promise<MqaItemView> {
    const [events, s] = await Promise.all([items.events(item.id), settings.get(item.teamId)]);
    const journey = journeyDates(events);
    const lastAck = [...events].reverse().find((e) => e.toStatus === 'acknowledged');
    return { item, acknowledgedAt: lastAck?.at ?? null, reEntries: journey.reEntries.length, settings: s };
  }

  /** Records a post Slack has: the outbox row, and where the item's review message or card is. */
  async function recordSent(delivery: MqaDelivery, channelId: string, ts: string): Promise<void> {
    await deliveries.markSent(delivery.id, ts);
    if (delivery.kind === 'review') await items.setPosted(delivery.itemId, 'review', channelId, ts);
    if (delivery.kind === 'card') await items.setPosted(delivery.itemId, 'card', channelId, ts);
  }

  /**
   * An earlier attempt on this row never finished (its process died, or could not record Slack's answer, while Slack
   * may have taken the post): Slack is asked before posting again. True when that settles the attempt without a
   * post: Slack has it (recorded now instead of posted twice), or Slack could not say (the row waits for a later
   * tick, still unfinished). Slack refusing to let us look (a DM without im:history, a channel the bot left) never
   * changes: then false, and the post is made, at worst twice, rather than never.
   */
  async function settledUnfinished(delivery: MqaDelivery, target: MqaDeliveryTarget, now: Date): Promise<boolean> {
    if (!poster.findDelivered) return false;
    try {
      const ts = await poster.findDelivered(target);
      if (!ts) return false;
      await recordSent(delivery, target.channelId, ts);
      return true;
    } catch (error) {
      if (isSlackPlatformError(error)) return false;
      await deliveries.postponeUnfinished(
        delivery.id,
        `could not check whether Slack has the post: ${error instanceof Error ? error.message : String(error)}`,
        now,
        new Date(clock().getTime() + retryDelayMs(delivery.attempts + 1)),
      );
      return true;
    }
  }

  /** Claims one outbox row and posts it; a failure stays pending with a later attempt time. */
  async function attempt(deliveryId: number): Promise<void> {
    const now = clock();
    const claim = await deliveries.claimAttempt(deliveryId, now, MQA_LEASE_MS);
    if (!claim) return;
    const delivery = await deliveries.findById(deliveryId);
    const item = delivery ? await items.findById(delivery.teamId, delivery.itemId) : undefined;
    if (!delivery || !item) return;
    let threadTs = delivery.threadTs;
    // A reminder goes into the card's thread, known only once the card landed.
    if (delivery.kind === 'reminder') threadTs = item.cardTs;
    if (delivery.kind === 'reminder' && !item.cardTs) {
      await deliveries.markFailed(
        delivery.id,
        'waiting for the card to be posted',
        new Date(now.getTime() + retryDelayMs(1)),
      );
      return;
    }
    const target: MqaDeliveryTarget = { channelId: delivery.channelId, threadTs, deliveryId: delivery.id };
    if (claim === 'unfinished' && (await settledUnfinished(delivery, target, now))) return;
    const result = await poster.deliver(delivery.kind, await viewOf(item), target);
    if (result.ok) {
      await recordSent(delivery, result.channelId, result.ts);
    } else {
      await deliveries.markFailed(
        delivery.id,
        `${result.reason}: ${result.detail}`,
        new Date(clock().getTime() + retryDelayMs(delivery.attempts + 1)),
      );
    }
  }

  /**
   * Queues one post, due from `at`. The scheduled job passes its tick's time, the same instant its due() reads, so
   * what a tick queues is posted in that tick; elsewhere it is now and the post is tried at once.
   */
  async function enqueue(
    item: MqaItem,
    kind: MqaDeliveryKind,
    uniqueKey: string,
    channelId: string,
    at: Date = clock(),
  ): Promise<number | undefined> {
    return deliveries.enqueue(
      { teamId: item.teamId, itemId: item.id, kind, uniqueKey: `${item.teamId}:${uniqueKey}`, channelId },
      at,
    );
  }

  /** Queues the review post (and the director's notice for a direct request) and tries them at once. */
  async function queueReview(item: MqaItem): Promise<void> {
    const s = await settings.get(item.teamId);
    const queued: Array<number | undefined> = [];
    if (s.reviewChannelId) queued.push(await enqueue(item, 'review', `review:${item.id}`, s.reviewChannelId));
    if (item.source === 'direct_request' && s.directorId)
      queued.push(await enqueue(item, 'director', `director:${item.id}`, s.directorId));
    for (const id of queued) if (id !== undefined) await attempt(id);
  }

  async function isReviewer(teamId: string, userId: string): Promise<boolean> {
    const s = await settings.get(teamId);
    if (s.reviewerIds.includes(userId) || s.directorId === userId) return true;
    return s.reviewerIds.length === 0 && (await deps.isAdmin(teamId, userId));
  }

  async function refreshAfterChange(item: MqaItem, echo: string | null, homes: HomeRefresher): Promise<void> {
    const view = await viewOf(item);
    await poster.refresh(view);
    if (echo && item.cardTs) await poster.echo(view, echo);
    // Only people have a Home; an item added by ingest or the CSV import has no creator to refresh.
    homes.refresh(
      item.teamId,
      [item.ownerId, item.acknowledgedBy, personId(item.createdBy)].filter((u): u is string => Boolean(u)),
    );
  }

  /** Moves an item and records the event; `dedupeKey` makes a redelivered Slack event a no-op. */
  async function change(
    teamId: string,
    itemId: number,
    to: MqaStatus,
    actor: MqaActor,
    options: {
      note?: string | null;
      dedupeKey?: string | null;
      patch?: Parameters<MqaItemsRepository['recordTransition']>[3];
      echo?: boolean;
      /** Where the changed people's Home refresh goes; a batch when the caller changes many items in a row. */
      homes?: HomeRefresher;
    } = {},
  ): Promise<ChangeResult> {
    const item = await items.findById(teamId, itemId);
    if (!item) return { ok: false, reason: "I can't find that account any more." };
    const checked = transition(item.status, to, actor, clock(), options.note ?? null);
    if (!checked.ok) return checked;
    const moved = await items.recordTransition(
      teamId,
      itemId,
      checked.change,
      options.patch,
      options.dedupeKey ?? null,
    );
    if (!moved)
      return { ok: false, reason: 'Someone else changed this account at the same moment; nothing was changed.' };
    const updated = (await items.findById(teamId, itemId)) as MqaItem;
    const note = checked.change.note ? `: ${escapeMrkdwn(checked.change.note)}` : '';
    await refreshAfterChange(
      updated,
      options.echo === false ? null : `${actorMrkdwn(actor)} marked this *${STATUS_LABEL[to]}*${note}`,
      options.homes ?? home,
    );
    return { ok: true, item: updated };
  }

  return {
    isReviewer,
    viewOf,
    attemptDelivery: attempt,
    getSettings: (teamId: string) => settings.get(teamId),
    async saveSettings(
      teamId: string,
      actor: string,
      update: MqaSettingsUpdate,
    ): Promise<{ ok: true; settings: MqaSettings } | { ok: false }> {
      if (!(await deps.isAdmin(teamId, actor))) return { ok: false };
      await settings.save(teamId, update, clock());
      return { ok: true, settings: await settings.get(teamId) };
    },
    listRoutes: (teamId: string) => settings.listRoutes(teamId),
    addRoute: (teamId: string, rule: Parameters<MqaSettingsRepository['addRoute']>[1]) =>
      settings.addRoute(teamId, rule, clock()),
    removeRoute: (teamId: string, id: number) => settings.removeRoute(teamId, id),
    findById: (teamId: string, id: number) => items.findById(teamId, id),
    findByDomain: (teamId: string, domain: string) => items.findByDomain(teamId, domain),
    findByCard: (teamId: string, channel: string, ts: string) => items.findByCard(teamId, channel, ts),
    events: (itemId: number) => items.events(itemId),
    list: (teamId: string, filter: Parameters<MqaItemsRepository['list']>[1]) => items.list(teamId, filter),
    count: (teamId: string, filter: Parameters<MqaItemsRepository['count']>[1]) => items.count(teamId, filter),

    /** Adds or updates items (modal, import, ingest) in one transaction; new ones go to Marketing review. */
    async upsert(teamId: string, inputs: MqaItemInput[], by: MqaActor, options: { deliverNow?: boolean } = {}) {
      const outcomes = await items.upsertMany(teamId, inputs, by, clock());
      // Without deliverNow (the CLI has no Slack connection) the bot's job queues the review posts on its next tick.
      if (options.deliverNow === false) return outcomes;
      for (const o of outcomes.filter((x) => x.created)) {
        const item = await items.findById(teamId, o.id);
        if (item) await queueReview(item);
      }
      return outcomes;
    },

    /** Presales check passed: validated, then routed and shared as a card in the sales channel. */
    async validate(
      teamId: string,
      itemId: number,
      by: PersonActor,
      presales: PresalesCheck,
    ): Promise<ChangeResult & { routed?: boolean }> {
      if (!(await isReviewer(teamId, by.userId)))
        return { ok: false, reason: 'Only marketing reviewers can validate accounts.' };
      const validated = await change(teamId, itemId, 'validated', by, {
        note: presales.notes,
        patch: { presales: JSON.stringify(presales) },
        echo: false,
      });
      if (!validated.ok) return validated;
      return route(teamId, validated.item, by);
    },

    /** Marketing turns an account down in review (reviewers only). */
    async reject(teamId: string, itemId: number, by: PersonActor, reason: string): Promise<ChangeResult> {
      const item = await items.findById(teamId, itemId);
      if (!item) return { ok: false, reason: "I can't find that account any more." };
      if (!(await isReviewer(teamId, by.userId)))
        return { ok: false, reason: 'Only marketing reviewers can reject accounts in review.' };
      return change(teamId, itemId, 'rejected', by, { note: reason, patch: { rejection_reason: reason.trim() } });
    },

    /** Sales says a shared account is not a fit: a different event from Marketing's rejection. */
    notAFit: (teamId: string, itemId: number, by: PersonActor, reason: string): Promise<ChangeResult> =>
      change(teamId, itemId, 'not_a_fit', by, { note: reason, patch: { rejection_reason: reason.trim() } }),

    async acknowledge(
      teamId: string,
      itemId: number,
      by: PersonActor,
      dedupeKey: string | null,
    ): Promise<ChangeResult> {
      return change(teamId, itemId, 'acknowledged', by, { dedupeKey, patch: { acknowledged_by: by.userId } });
    },

    setStatus: (
      teamId: string,
      itemId: number,
      to: MqaStatus,
      by: MqaActor,
      dedupeKey: string | null = null,
      note: string | null = null,
    ) => change(teamId, itemId, to, by, { dedupeKey, note }),

    /** Loopkeeper marks a silent account stalled; the people's Home refresh goes to `homes` (the job's batch). */
    markStalled: (teamId: string, itemId: number, homes: HomeRefresher) =>
      change(teamId, itemId, 'stalled', LOOPKEEPER_ACTOR, { homes }),
    /** A batch that holds App Home refreshes until its flush, for a job that changes many items. */
    batchHomeRefreshes: () => batchHomeRefreshes(home),

    reenter: (teamId: string, itemId: number, by: PersonActor) => change(teamId, itemId, 're_entered', by),

    /** Runs every outbox row due at `now`, page after page, so a large ingest batch goes out in one tick. */
    async deliverDue(now: Date): Promise<void> {
      for (let afterId = 0; ; ) {
        const page = await deliveries.due(now, { afterId });
        if (page.length === 0) return;
        for (const d of page) await inWorkspace(d.teamId, () => attempt(d.id));
        afterId = (page.at(-1) as { id: number }).id;
      }
    },

    enqueueFor: enqueue,
    /** Posts a new item for review now (the outbox retries if Slack fails). Returns the review channel, or null if none is set. */
    async submitForReview(teamId: string, itemId: number): Promise<string | null> {
      const item = await items.findById(teamId, itemId);
      if (!item) return null;
      await queueReview(item);
      return (await settings.get(teamId)).reviewChannelId;
    },
    /**
     * Queues review posts, due from `at`, for items still in review (idempotent); the job calls it with its tick's
     * time so imports and ingests get reviewed in that tick.
     */
    async queuePendingReviews(item: MqaItem, at: Date): Promise<void> {
      const s = await settings.get(item.teamId);
      if (s.reviewChannelId) await enqueue(item, 'review', `review:${item.id}`, s.reviewChannelId, at);
      if (item.source === 'direct_request' && s.directorId)
        await enqueue(item, 'director', `director:${item.id}`, s.directorId, at);
    },
    deliveriesFor: (itemId: number) => deliveries.forItem(itemId),
  };

  async function route(
    teamId: string,
    item: MqaItem,
    actor: PersonActor,
  ): Promise<ChangeResult & { routed?: boolean }> {
    const s = await settings.get(teamId);
    const decision = routeItem(await settings.listRoutes(teamId), item, s.defaultChannelId);
    if (decision.kind === 'none') return { ok: true, item, routed: false };
    if (decision.kind === 'rule') await settings.countRouted(decision.rule.id);
    const ownerId = item.ownerId ?? decision.ownerId;
    const shared = await change(teamId, item.id, 'shared', actor, {
      patch: {
        sales_channel_id: decision.channelId,
        route_rule_id: decision.kind === 'rule' ? decision.rule.id : null,
        owner_id: ownerId,
        shared_at: clock().toISOString(),
        reminded_at: null,
        escalated_at: null,
      },
      echo: false,
    });
    if (!shared.ok) return shared;
    const id = await enqueue(shared.item, 'card', `card:${item.id}`, decision.channelId);
    if (id !== undefined) await attempt(id);
    return { ...shared, routed: true };
  }
}

export type MqaService = ReturnType<typeof createMqaService>;
