import type { BlockButtonAction } from '@slack/bolt';
import { z } from 'zod';
import { type SlackMessage, section, slackDate } from '../../../slack/blocks.js';
import type { Listeners } from '../../../slack/listener-table.js';
import { viewStateSchema } from '../../../slack/parse/view-state.js';
import { DEFAULT_ROUND_MS, type DimensionKey, isFunctionKey } from '../../assessment/domain/index.js';
import { parseRoundAnswerSubmission } from '../../assessment/slack/parse.js';
import { roundAnswerModal } from './blocks/round-modal.js';
import type { RoundListenerDeps } from './deps.js';
import { ROUND } from './ids.js';

const metadataSchema = z.object({ roundId: z.number().int().positive() });
const say = (text: string): SlackMessage => ({ text, blocks: [section(text)] });
const teamOf = (body: { team?: { id: string } | null; user: { team_id?: string } }) =>
  body.team?.id ?? body.user.team_id ?? '';

/** "Take the assessment" and "Close round" buttons, and the round answer modal. */
export function registerRoundListeners(app: Listeners, deps: RoundListenerDeps): void {
  app.action<BlockButtonAction>(ROUND.takeAction, async ({ ack, body, action, client, respond }) => {
    await ack();
    const teamId = teamOf(body);
    const roundId = Number(action.value);
    const round = Number.isInteger(roundId) ? await deps.rounds.find(teamId, roundId) : undefined;
    const tell = (message: SlackMessage) =>
      respond({ response_type: 'ephemeral', replace_original: false, ...message });
    if (!round) return void (await tell(say("I can't find that round any more.")));
    if (!deps.rounds.acceptsAnswers(round)) {
      return void (await tell(
        say(
          `Round #${round.id} is closed, so it doesn't take answers any more. The results are in <#${round.channelId}>.`,
        ),
      ));
    }
    const mine = await deps.rounds.myAnswer(round.id, body.user.id);
    const previous =
      mine && isFunctionKey(mine.function)
        ? { function: mine.function, scores: mine.scores, redFlags: mine.redFlags, notes: mine.notes }
        : undefined;
    await client.views.open({
      trigger_id: body.trigger_id,
      view: roundAnswerModal({
        roundId: round.id,
        deadlineAt: round.deadlineAt,
        anonymous: round.anonymous,
        ...(previous ? { previous } : {}),
      }),
    });
  });

  app.action<BlockButtonAction>(ROUND.closeAction, async ({ ack, body, action, respond }) => {
    await ack();
    const teamId = teamOf(body);
    const roundId = Number(action.value);
    const tell = (text: string) => respond({ response_type: 'ephemeral', replace_original: false, ...say(text) });
    if (!Number.isInteger(roundId)) return void (await tell("I can't find that round any more."));
    const closed = await deps.rounds.closeByUser(teamId, roundId, body.user.id);
    if (closed.ok)
      return void (await tell(
        `Round #${roundId} is closed; the summary is posted in <#${closed.result.round.channelId}>.`,
      ));
    const text = {
      not_found: "I can't find that round any more.",
      already_closed: `Round #${roundId} is already closed: nothing changed.`,
      not_allowed: `Only the person who started round #${roundId} or a Loopkeeper admin can close it early. It closes by itself ${closed.round ? slackDate(closed.round.deadlineAt) : 'at its deadline'}.`,
    }[closed.reason];
    await tell(text);
  });

  // "Start a team round" under a single summary: a round in that channel with the default duration.
  app.action<BlockButtonAction>(ROUND.startAction, async ({ ack, body, respond }) => {
    await ack();
    const teamId = teamOf(body);
    const channelId = body.channel?.id;
    const tell = (text: string) => respond({ response_type: 'ephemeral', replace_original: false, ...say(text) });
    if (!channelId) return void (await tell('Start a round from a channel with `/loop assess round`.'));
    const settings = await deps.settings.getSettings(teamId);
    const started = await deps.rounds.start({
      teamId,
      startedBy: body.user.id,
      channelId,
      durationMs: DEFAULT_ROUND_MS,
      invitees: [],
      anonymous: false,
      segment: settings.segment,
    });
    await tell(
      started.ok
        ? `Round #${started.round.id} started here, open until ${slackDate(started.round.deadlineAt)}. For other options use \`/loop assess round [#channel] [duration] [@people]\`.`
        : `:warning: I couldn't start the round: I can't post in <#${channelId}> (${started.failure.detail.replace(/[<>&]/g, '')}). Nothing was saved.`,
    );
  });

  app.view(ROUND.answerView, async ({ ack, body, view }) => {
    const parsed = parseRoundAnswerSubmission(viewStateSchema.parse(view.state.values));
    if (!parsed.ok) return ack({ response_action: 'errors', errors: parsed.errors });
    let metadata: z.infer<typeof metadataSchema>;
    try {
      metadata = metadataSchema.parse(JSON.parse(view.private_metadata));
    } catch {
      return ack({
        response_action: 'errors',
        errors: {
          [ROUND.functionBlock]:
            "This form doesn't belong to a round any more. Close it and press *Take the assessment* again.",
        },
      });
    }
    const teamId = body.team?.id ?? body.user.team_id ?? '';
    const { function: fn, scores, redFlags, notes } = parsed.value;
    // Stored before ack: a crash after the modal closes loses nothing.
    const stored = await deps.rounds.answer(
      teamId,
      metadata.roundId,
      body.user.id,
      { function: fn, scores: scores as Record<DimensionKey, number>, redFlags, notes },
      view.id,
    );
    if (!stored.ok) {
      const text =
        stored.reason === 'closed'
          ? 'This round has closed, so your answer was not stored. The results are in the channel.'
          : "I can't find this round any more; your answer was not stored.";
      return ack({ response_action: 'errors', errors: { [ROUND.functionBlock]: text } });
    }
    await ack();
    if (stored.outcome === 'duplicate') return;
    deps.inFlight.run(() => deps.rounds.refreshInvitation(teamId, metadata.roundId));
  });
}
