import { activeTeamCondition } from '../../db/active-teams.js';
import type { Db } from '../../db/open-database.js';
import { actorFromKey, actorKey, type MqaActor } from './domain/actor.js';
import type { MqaEvent, MqaItem, PresalesCheck } from './domain/index.js';
import type { MqaItemInput, MqaPriority, MqaSource } from './domain/item-input.js';
import type { MqaStatus, StatusChange } from './domain/lifecycle.js';

/** Fields a status change may set along with the status. */
export interface ItemPatch {
  rejection_reason?: string | null;
  presales?: string | null;
  route_rule_id?: number | null;
  sales_channel_id?: string | null;
  owner_id?: string | null;
  acknowledged_by?: string | null;
  shared_at?: string | null;
  reminded_at?: string | null;
  escalated_at?: string | null;
}

const date = (v: string | null) => (v ? new Date(v) : null);

// biome-ignore lint/suspicious/noExplicitAny: rows from selectAll() and from joins both arrive here, mapped field by field.
function toItem(r: Record<string, any>): MqaItem {
  return {
    id: r.id,
    teamId: r.team_id,
    accountName: r.account_name,
    domain: r.domain,
    segment: r.segment,
    tier: r.tier,
    region: r.region,
    intentTopics: JSON.parse(r.intent_topics) as string[],
    evidence: r.evidence,
    source: r.source as MqaSource,
    priority: r.priority as MqaPriority,
    ownerId: r.owner_id,
    externalId: r.external_id,
    status: r.status as MqaStatus,
    rejectionReason: r.rejection_reason,
    presales: r.presales ? (JSON.parse(r.presales) as PresalesCheck) : null,
    routeRuleId: r.route_rule_id,
    salesChannelId: r.sales_channel_id,
    reviewChannelId: r.review_channel_id,
    reviewTs: r.review_ts,
    cardChannelId: r.card_channel_id,
    cardTs: r.card_ts,
    acknowledgedBy: r.acknowledged_by,
    createdBy: actorFromKey(r.created_by),
    createdAt: new Date(r.created_at),
    lastActivityAt: new Date(r.last_activity_at),
    sharedAt: date(r.shared_at),
    remindedAt: date(r.reminded_at),
    escalatedAt: date(r.escalated_at),
  };
}

const inputColumns = (i: MqaItemInput) => ({
  account_name: i.accountName,
  domain: i.domain,
  segment: i.segment,
  tier: i.tier,
  region: i.region,
  intent_topics: JSON.stringify(i.intentTopics),
  evidence: i.evidence,
  source: i.source,
  priority: i.priority,
  owner_id: i.ownerId,
  external_id: i.externalId,
});

/** Thrown inside an import transaction to roll every row back; `index` is the input's position. */
export class MqaUpsertConflict extends Error {
  constructor(
    readonly index: number,
    message: string,
  ) {
    super(message);
  }
}

class Duplicate extends Error {}

export type UpsertOutcome = { id: number; created: boolean };

/** Which items `/loop mqa list`, App Home and the digest ask for. */
export interface MqaListQuery {
  statuses?: readonly MqaStatus[];
  /** Items this user owns, acknowledged or added. */
  ownerOrCreator?: string;
  /** Items shared at or before this instant. */
  sharedAtOrBefore?: Date;
  /** Items shared after this instant. */
  sharedAfter?: Date;
}

/** Rows per page of `eachInAllTeams`: a few milliseconds of synchronous SQLite work each. */
export const ALL_TEAMS_PAGE = 100;
/** Items whose status events one query of `statusEvents` reads. */
export const STATUS_EVENTS_CHUNK = 300;

export function createMqaItemsRepository(db: Db) {
  function filtered(teamId: string, filter: MqaListQuery) {
    let q = db.selectFrom('mqa_items').where('team_id', '=', teamId);
    if (filter.statuses) q = q.where('status', 'in', [...filter.statuses]);
    if (filter.sharedAtOrBefore) q = q.where('shared_at', '<=', filter.sharedAtOrBefore.toISOString());
    if (filter.sharedAfter) q = q.where('shared_at', '>', filter.sharedAfter.toISOString());
    if (filter.ownerOrCreator) {
      // A union, not an OR: without statistics SQLite answers the OR from (team_id, status), every open item of
      // the team; each arm here reads one (team_id, person) index.
      const user = filter.ownerOrCreator;
      const whose = (column: 'owner_id' | 'acknowledged_by' | 'created_by') =>
        db.selectFrom('mqa_items').select('id').where('team_id', '=', teamId).where(column, '=', user);
      q = q.where('id', 'in', whose('owner_id').union(whose('acknowledged_by')).union(whose('created_by')));
    }
    return q;
  }

  async function find(
    teamId: string,
    where: { id?: number; domain?: string; externalId?: string; card?: { channel: string; ts: string } },
  ) {
    let q = db.selectFrom('mqa_items').selectAll().where('team_id', '=', teamId);
    if (where.id !== undefined) q = q.where('id', '=', where.id);
    if (where.domain !== undefined) q = q.where('domain', '=', where.domain);
    if (where.externalId !== undefined) q = q.where('external_id', '=', where.externalId);
    if (where.card) q = q.where('card_channel_id', '=', where.card.channel).where('card_ts', '=', where.card.ts);
    const row = await q.executeTakeFirst();
    return row ? toItem(row) : undefined;
  }

  return {
    findById: (teamId: string, id: number) => find(teamId, { id }),
    findByDomain: (teamId: string, domain: string) => find(teamId, { domain }),
    findByCard: (teamId: string, channel: string, ts: string) => find(teamId, { card: { channel, ts } }),

    /**
     * Creates or updates items in ONE transaction: all or nothing. An existing item is found by external id, else by
     * domain; its details are updated (an 'updated' event), its status and journey are left alone.
     */
    async upsertMany(teamId: string, inputs: MqaItemInput[], by: MqaActor, now: Date): Promise<UpsertOutcome[]> {
      const at = now.toISOString();
      const actor = actorKey(by);
      return db.transaction().execute(async (trx) => {
        const outcomes: UpsertOutcome[] = [];
        for (const [index, input] of inputs.entries()) {
          const byExternal = input.externalId
            ? await trx
                .selectFrom('mqa_items')
                .select(['id', 'domain'])
                .where('team_id', '=', teamId)
                .where('external_id', '=', input.externalId)
                .executeTakeFirst()
            : undefined;
          const byDomain = await trx
            .selectFrom('mqa_items')
            .select(['id', 'external_id'])
            .where('team_id', '=', teamId)
            .where('domain', '=', input.domain)
            .executeTakeFirst();
          if (byExternal && byDomain && byExternal.id !== byDomain.id) {
            throw new MqaUpsertConflict(
              index,
              `domain ${input.domain} already belongs to another account (external id ${byDomain.external_id ?? 'none'})`,
            );
          }
          if (!byExternal && byDomain?.external_id && input.externalId && byDomain.external_id !== input.externalId) {
            throw new MqaUpsertConflict(
              index,
              `domain ${input.domain} is already on the list with external id ${byDomain.external_id}`,
            );
          }
          const existing = byExternal ?? byDomain;
          if (existing) {
            const columns = inputColumns(input);
            // A re-import without an owner or external id keeps the ones already set.
            await trx
              .updateTable('mqa_items')
              .set({ ...columns, owner_id: input.ownerId ?? undefined, external_id: input.externalId ?? undefined })
              .where('id', '=', existing.id)
              .execute();
            await trx
              .insertInto('mqa_events')
              .values({ item_id: existing.id, team_id: teamId, type: 'updated', actor, at })
              .execute();
            outcomes.push({ id: existing.id, created: false });
            continue;
          }
          const { id } = await trx
            .insertInto('mqa_items')
            .values({
              team_id: teamId,
              ...inputColumns(input),
              status: 'in_review',
              created_by: actor,
              created_at: at,
              last_activity_at: at,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          await trx
            .insertInto('mqa_events')
            .values({ item_id: id, team_id: teamId, type: 'created', to_status: 'in_review', actor, at })
            .execute();
          outcomes.push({ id, created: true });
        }
        return outcomes;
      });
    },

    /**
     * Appends the status change and moves the item in one transaction, only if the item is still in `change.from`
     * and the dedupe key (Slack event) was never seen. Returns false when nothing changed.
     */
    async recordTransition(
      teamId: string,
      itemId: number,
      change: StatusChange,
      patch: ItemPatch = {},
      dedupeKey: string | null = null,
    ): Promise<boolean> {
      const at = change.at.toISOString();
      try {
        await db.transaction().execute(async (trx) => {
          const moved = await trx
            .updateTable('mqa_items')
            .set({ ...patch, status: change.to, last_activity_at: at })
            .where('team_id', '=', teamId)
            .where('id', '=', itemId)
            .where('status', '=', change.from)
            .executeTakeFirst();
          if (Number(moved.numUpdatedRows) !== 1) throw new Duplicate();
          const inserted = await trx
            .insertInto('mqa_events')
            .values({
              item_id: itemId,
              team_id: teamId,
              type: 'status',
              from_status: change.from,
              to_status: change.to,
              actor: actorKey(change.actor),
              at,
              note: change.note,
              dedupe_key: dedupeKey,
            })
            .onConflict((oc) => oc.columns(['team_id', 'dedupe_key']).doNothing())
            .returning('id')
            .executeTakeFirst();
          if (!inserted) throw new Duplicate();
        });
        return true;
      } catch (error) {
        if (error instanceof Duplicate) return false;
        throw error;
      }
    },

    /** Records that a Slack event was handled, without a status change; false if it was seen before. */
    async recordNote(
      teamId: string,
      itemId: number,
      type: string,
      actor: MqaActor,
      at: Date,
      note: string | null,
      dedupeKey: string | null,
    ): Promise<boolean> {
      const inserted = await db
        .insertInto('mqa_events')
        .values({
          item_id: itemId,
          team_id: teamId,
          type,
          actor: actorKey(actor),
          at: at.toISOString(),
          note,
          dedupe_key: dedupeKey,
        })
        .onConflict((oc) => oc.columns(['team_id', 'dedupe_key']).doNothing())
        .returning('id')
        .executeTakeFirst();
      return inserted !== undefined;
    },

    async setPosted(itemId: number, where: 'review' | 'card', channelId: string, ts: string): Promise<void> {
      const set =
        where === 'review'
          ? { review_channel_id: channelId, review_ts: ts }
          : { card_channel_id: channelId, card_ts: ts };
      await db.updateTable('mqa_items').set(set).where('id', '=', itemId).execute();
    },

    /** Sets a once-only SLA mark; true only for the caller that set it. */
    async markSlaStep(itemId: number, step: 'reminded_at' | 'escalated_at', at: Date): Promise<boolean> {
      const result = await db
        .updateTable('mqa_items')
        .set({ [step]: at.toISOString() })
        .where('id', '=', itemId)
        .where(step, 'is', null)
        .where('status', '=', 'shared')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async list(teamId: string, filter: MqaListQuery & { limit?: number } = {}): Promise<MqaItem[]> {
      const rows = await filtered(teamId, filter)
        .selectAll()
        .orderBy('last_activity_at', 'desc')
        .orderBy('id', 'desc')
        .limit(filter.limit ?? 500)
        .execute();
      return rows.map(toItem);
    },

    /** How many items `list` would find without a limit (so a shortened list can say how many more there are). */
    async count(teamId: string, filter: MqaListQuery = {}): Promise<number> {
      const row = await filtered(teamId, filter)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /**
     * Items of every installed team in these statuses, in id order, read a page at a time: a catch-up over tens of
     * thousands of items never holds the one thread for one long query, and an item the caller moves meanwhile is
     * still seen once.
     */
    async *eachInAllTeams(statuses: readonly MqaStatus[], pageSize = ALL_TEAMS_PAGE): AsyncGenerator<MqaItem> {
      for (let afterId = 0; ; ) {
        const rows = await db
          .selectFrom('mqa_items')
          .where(activeTeamCondition('mqa_items.team_id'))
          .selectAll()
          .where('status', 'in', [...statuses])
          .where('id', '>', afterId)
          .orderBy('id')
          .limit(pageSize)
          .execute();
        for (const row of rows) yield toItem(row);
        if (rows.length < pageSize) return;
        afterId = (rows.at(-1) as { id: number }).id;
      }
    },

    async events(itemId: number): Promise<MqaEvent[]> {
      const rows = await db.selectFrom('mqa_events').selectAll().where('item_id', '=', itemId).orderBy('id').execute();
      return rows.map((r) => ({
        id: r.id,
        itemId: r.item_id,
        type: r.type,
        fromStatus: r.from_status as MqaStatus | null,
        toStatus: r.to_status as MqaStatus | null,
        actor: actorFromKey(r.actor),
        at: new Date(r.at),
        note: r.note,
      }));
    },

    /**
     * Status events up to `to` of the items that changed status in [from, to): enough for the period's counts and
     * for each acknowledgement's preceding share, without loading the team's whole history.
     */
    async statusEvents(
      teamId: string,
      from: Date,
      to: Date,
    ): Promise<Array<{ itemId: number; toStatus: MqaStatus | null; at: Date }>> {
      const active = await db
        .selectFrom('mqa_events')
        .select('item_id')
        .distinct()
        .where('team_id', '=', teamId)
        .where('type', '=', 'status')
        .where('at', '>=', from.toISOString())
        .where('at', '<', to.toISOString())
        .execute();
      const ids = active.map((r) => r.item_id);
      // The journeys of a few hundred items per query: thousands in one statement held the thread for 100 ms.
      const rows: Array<{ id: number; item_id: number; to_status: string | null; at: string }> = [];
      for (let i = 0; i < ids.length; i += STATUS_EVENTS_CHUNK) {
        rows.push(
          ...(await db
            .selectFrom('mqa_events')
            .select(['id', 'item_id', 'to_status', 'at'])
            .where('item_id', 'in', ids.slice(i, i + STATUS_EVENTS_CHUNK))
            .where('type', '=', 'status')
            .where('at', '<', to.toISOString())
            .execute()),
        );
      }
      rows.sort((a, b) => a.id - b.id);
      return rows.map((r) => ({ itemId: r.item_id, toStatus: r.to_status as MqaStatus | null, at: new Date(r.at) }));
    },
  };
}

export type MqaItemsRepository = ReturnType<typeof createMqaItemsRepository>;
