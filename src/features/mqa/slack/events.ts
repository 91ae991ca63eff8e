import type { Listeners } from '../../../slack/listener-table.js';
import { ACK_REACTIONS, parseThreadReply, person } from '../domain/index.js';
import type { MqaListenerDeps } from './deps.js';

/**
 * Sales acknowledges and moves accounts from the card's thread: replies ("ack", "on it", "won", ...) and a
 * :white_check_mark: reaction on the card. A redelivered event carries the same (channel, ts), recorded with the
 * change, so it changes nothing the second time.
 */
export function registerMqaEvents(app: Listeners, deps: MqaListenerDeps): void {
  app.event('message', async ({ event, body }) => {
    const m = event as {
      subtype?: string;
      bot_id?: string;
      thread_ts?: string;
      ts: string;
      channel: string;
      user?: string;
      text?: string;
    };
    if (m.subtype || m.bot_id || !m.thread_ts || !m.user || m.thread_ts === m.ts) return;
    const { user, thread_ts: threadTs } = m;
    const intent = parseThreadReply(m.text);
    if (!intent) return;
    // Events are acked before listeners run; inFlight lets shutdown (and tests) wait for the work.
    deps.inFlight.run(async () => {
      const item = await deps.mqa.findByCard(body.team_id, m.channel, threadTs);
      if (!item) return;
      const dedupeKey = `reply:${m.channel}:${m.ts}`;
      if (intent === 'acknowledged') await deps.mqa.acknowledge(body.team_id, item.id, person(user), dedupeKey);
      else await deps.mqa.setStatus(body.team_id, item.id, intent, person(user), dedupeKey);
    });
  });

  app.event('reaction_added', async ({ event, body }) => {
    if (!ACK_REACTIONS.includes(event.reaction) || event.item.type !== 'message') return;
    const target = event.item;
    deps.inFlight.run(async () => {
      const item = await deps.mqa.findByCard(body.team_id, target.channel, target.ts);
      if (!item) return;
      await deps.mqa.acknowledge(
        body.team_id,
        item.id,
        person(event.user),
        `reaction:${target.channel}:${target.ts}:${event.user}:${event.reaction}`,
      );
    });
  });
}
