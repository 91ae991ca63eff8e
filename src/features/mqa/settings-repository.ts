import { knownTeams } from '../../db/known-teams.js';
import type { Db } from '../../db/open-database.js';
import type { MqaSettings, MqaSettingsUpdate } from './domain/index.js';
import type { RoutingCriteria, RoutingRule } from './domain/routing.js';

export const DEFAULT_SLA_BUSINESS_DAYS = 1;
export const DEFAULT_STALL_DAYS = 21;

const ids = (json: string): string[] => {
  const parsed = JSON.parse(json) as unknown;
  return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : [];
};

export function createMqaSettingsRepository(db: Db) {
  return {
    async get(teamId: string): Promise<MqaSettings> {
      const row = await db.selectFrom('mqa_settings').selectAll().where('team_id', '=', teamId).executeTakeFirst();
      return {
        teamId,
        reviewChannelId: row?.review_channel_id ?? null,
        reviewerIds: row ? ids(row.reviewer_ids) : [],
        directorId: row?.director_id ?? null,
        defaultChannelId: row?.default_channel_id ?? null,
        escalationChannelId: row?.escalation_channel_id ?? null,
        escalationUserId: row?.escalation_user_id ?? null,
        slaBusinessDays: row?.sla_business_days ?? DEFAULT_SLA_BUSINESS_DAYS,
        stallDays: row?.stall_days ?? DEFAULT_STALL_DAYS,
      };
    },

    async save(teamId: string, s: MqaSettingsUpdate, now: Date): Promise<void> {
      const values = {
        review_channel_id: s.reviewChannelId,
        reviewer_ids: JSON.stringify([...new Set(s.reviewerIds)]),
        director_id: s.directorId,
        default_channel_id: s.defaultChannelId,
        escalation_channel_id: s.escalationChannelId,
        escalation_user_id: s.escalationUserId,
        sla_business_days: s.slaBusinessDays,
        stall_days: s.stallDays,
        updated_at: now.toISOString(),
      };
      await db
        .insertInto('mqa_settings')
        .values({ team_id: teamId, ...values })
        .onConflict((oc) => oc.column('team_id').doUpdateSet(values))
        .execute();
    },

    /** Teams this database knows (any team-scoped table); the CLI and ingest use it when no team is named. */
    knownTeams: (): Promise<string[]> => knownTeams(db),

    async listRoutes(teamId: string): Promise<RoutingRule[]> {
      const rows = await db
        .selectFrom('mqa_routes')
        .selectAll()
        .where('team_id', '=', teamId)
        .orderBy('position')
        .orderBy('id')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        position: r.position,
        segment: r.segment,
        region: r.region,
        tier: r.tier,
        source: r.source,
        intentTopic: r.intent_topic,
        channelId: r.channel_id,
        ownerIds: ids(r.owner_ids),
        routedCount: r.routed_count,
      }));
    },

    /** Appends a rule after the existing ones. */
    async addRoute(
      teamId: string,
      rule: RoutingCriteria & { channelId: string; ownerIds: string[] },
      now: Date,
    ): Promise<number> {
      return db.transaction().execute(async (trx) => {
        const last = await trx
          .selectFrom('mqa_routes')
          .select((eb) => eb.fn.max('position').as('max'))
          .where('team_id', '=', teamId)
          .executeTakeFirst();
        const { id } = await trx
          .insertInto('mqa_routes')
          .values({
            team_id: teamId,
            position: Number(last?.max ?? 0) + 1,
            segment: rule.segment,
            region: rule.region,
            tier: rule.tier,
            source: rule.source,
            intent_topic: rule.intentTopic,
            channel_id: rule.channelId,
            owner_ids: JSON.stringify(rule.ownerIds),
            created_at: now.toISOString(),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        return id;
      });
    },

    async removeRoute(teamId: string, id: number): Promise<boolean> {
      const result = await db
        .deleteFrom('mqa_routes')
        .where('team_id', '=', teamId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async countRouted(id: number): Promise<void> {
      await db
        .updateTable('mqa_routes')
        .set((eb) => ({ routed_count: eb('routed_count', '+', 1) }))
        .where('id', '=', id)
        .execute();
    },
  };
}

export type MqaSettingsRepository = ReturnType<typeof createMqaSettingsRepository>;
