import { anyWorkspace, type InWorkspace } from '../../kernel/in-workspace.js';
import { ACTIVE_STATUSES, AWAITING_ACK, isStalled, slaState } from './domain/index.js';
import type { MqaItemsRepository } from './repository.js';
import type { MqaService } from './service.js';

/**
 * Every tick: post what is due in the outbox (new and retried), queue SLA reminders and escalations once each,
 * and mark silent active accounts stalled. Everything is read from the database, so a restart catches up.
 * `now` is the tick's one time: what it queues is stamped with it and what is due is read at it, so every post the
 * tick queues (a whole ingest batch included) goes out in the same tick.
 */
export function createMqaJob(deps: {
  mqa: MqaService;
  items: MqaItemsRepository;
  timeZoneOf(teamId: string): Promise<string>;
  inWorkspace?: InWorkspace;
}) {
  const { mqa, items } = deps;
  const inWorkspace = deps.inWorkspace ?? anyWorkspace;
  return {
    name: 'mqa',
    async run(now: Date): Promise<void> {
      for await (const item of items.eachInAllTeams(['in_review']))
        await inWorkspace(item.teamId, () => mqa.queuePendingReviews(item, now));
      for await (const item of items.eachInAllTeams(AWAITING_ACK)) {
        if (!item.sharedAt || !item.salesChannelId) continue;
        const s = await mqa.getSettings(item.teamId);
        const state = slaState(item.sharedAt, now, {
          slaBusinessDays: s.slaBusinessDays,
          timeZone: await deps.timeZoneOf(item.teamId),
        });
        if (state === 'ok') continue;
        const sharedKey = item.sharedAt.toISOString();
        // Queue first (the unique key makes a repeat a no-op), then mark: a crash in between re-queues nothing twice
        // and loses nothing, where mark-then-queue could leave a step marked but never posted.
        // The reminder goes into the card's thread: until the card is posted there is nothing to reply to, so it
        // waits (unmarked) for a tick after the card lands instead of being queued and retried every minute.
        if (!item.remindedAt && item.cardTs) {
          await mqa.enqueueFor(
            item,
            'reminder',
            `reminder:${item.id}:${sharedKey}`,
            item.cardChannelId ?? item.salesChannelId,
            now,
          );
          await items.markSlaStep(item.id, 'reminded_at', now);
        }
        const escalateTo = s.escalationChannelId ?? s.escalationUserId;
        if (state === 'escalate' && !item.escalatedAt && escalateTo) {
          await mqa.enqueueFor(item, 'escalation', `escalation:${item.id}:${sharedKey}`, escalateTo, now);
          await items.markSlaStep(item.id, 'escalated_at', now);
        }
      }
      // A catch-up can stall hundreds of accounts of the same people: their Homes are refreshed once, after the loop.
      const homes = mqa.batchHomeRefreshes();
      try {
        for await (const item of items.eachInAllTeams(ACTIVE_STATUSES)) {
          const s = await mqa.getSettings(item.teamId);
          if (isStalled(item.lastActivityAt, now, s.stallDays))
            await inWorkspace(item.teamId, () => mqa.markStalled(item.teamId, item.id, homes));
        }
      } finally {
        homes.flush();
      }
      await mqa.deliverDue(now);
    },
  };
}
