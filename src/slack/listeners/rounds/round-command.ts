import type { webApi } from '@slack/bolt';
import { DEFAULT_ROUND_MS, formatRoundDuration, parseRoundDuration } from '../../../domain/assessment/index.js';
import { escapeMrkdwn } from '../../../domain/text/mrkdwn.js';
import { slackErrorCode } from '../../notifier.js';
import { type SlackMessage, section, slackDate } from '../../views/blocks.js';
import type { ListenerDeps } from '../deps.js';
import type { ModalRequest } from '../modal-request.js';

const say = (text: string): SlackMessage => ({ text, blocks: [section(text)] });

export const ROUND_USAGE =
  'Usage: `/loop assess round [#channel] [duration] [@people or @group] [anonymous]`, e.g. `/loop assess round #gtm 5d @ana @ben`. Durations: `36h`, `5d`, `2w` (1 hour to 30 days; default 5d).';

export interface RoundArguments {
  channelId: string | null;
  durationMs: number;
  users: string[];
  usergroups: string[];
  anonymous: boolean;
}

/**
 * Slash command text arrives unescaped (should_escape false): `<#C123|name>`, `<@U123|name>`,
 * `<!subteam^S123|@group>`. Anything else must be a duration or `anonymous`.
 */
export function parseRoundArguments(args: string[]): { ok: true; value: RoundArguments } | { ok: false; error: string } {
  const value: RoundArguments = { channelId: null, durationMs: DEFAULT_ROUND_MS, users: [], usergroups: [], anonymous: false };
  let duration: string | null = null;
  for (const word of args) {
    const channel = /^<#([CG][A-Z0-9]+)(\|[^>]*)?>$/.exec(word);
    const user = /^<@([UW][A-Z0-9]+)(\|[^>]*)?>$/.exec(word);
    const group = /^<!subteam\^([A-Z0-9]+)(\|[^>]*)?>$/.exec(word);
    if (channel) {
      if (value.channelId) return { ok: false, error: 'Give at most one channel.' };
      value.channelId = channel[1]!;
    } else if (user) value.users.push(user[1]!);
    else if (group) value.usergroups.push(group[1]!);
    else if (/^anonymous$/i.test(word)) value.anonymous = true;
    else if (word.startsWith('#')) {
      return { ok: false, error: `I can't tell which channel \`${escapeMrkdwn(word)}\` is: pick it from Slack's autocomplete so it becomes a link.` };
    } else {
      if (duration !== null) return { ok: false, error: `I don't understand \`${escapeMrkdwn(word)}\`.` };
      const parsed = parseRoundDuration(word);
      if (!parsed.ok) {
        return {
          ok: false,
          error:
            parsed.reason === 'range'
              ? `A round lasts from 1 hour to 30 days; \`${escapeMrkdwn(word)}\` is outside that.`
              : `\`${escapeMrkdwn(word)}\` isn't a duration. Write it like \`36h\`, \`5d\` or \`2w\`.`,
        };
      }
      duration = word;
      value.durationMs = parsed.ms;
    }
  }
  return { ok: true, value };
}

/** `/loop assess round …`: starts a round in the channel; everything wrong gets an ephemeral answer. Runs after ack(). */
export async function startRoundCommand(deps: ListenerDeps, client: webApi.WebClient, request: ModalRequest, args: string[]): Promise<SlackMessage> {
  const parsed = parseRoundArguments(args);
  if (!parsed.ok) return say(`${parsed.error}\n${ROUND_USAGE}`);
  const channelId = parsed.value.channelId ?? request.channelId;
  if (!channelId) return say(`Name the channel for the round.\n${ROUND_USAGE}`);

  const invitees = new Set(parsed.value.users);
  for (const usergroup of parsed.value.usergroups) {
    try {
      const { users = [] } = await client.usergroups.users.list({ usergroup });
      for (const u of users) invitees.add(u);
    } catch (error) {
      return say(`I couldn't read the members of that user group (${escapeMrkdwn(slackErrorCode(error))}). Mention the people instead.`);
    }
  }
  const settings = await deps.settings.getSettings(request.teamId);
  const started = await deps.rounds.start({
    teamId: request.teamId,
    startedBy: request.userId,
    channelId,
    durationMs: parsed.value.durationMs,
    invitees: [...invitees],
    anonymous: parsed.value.anonymous,
    segment: settings.segment,
  });
  if (!started.ok) {
    const fix =
      started.failure.reason === 'is_archived'
        ? 'It is archived: pick another channel.'
        : started.failure.reason === 'other'
          ? 'Try again in a moment.'
          : 'Invite me there with `/invite @Loopkeeper`, or pick another channel.';
    return say(`:warning: I couldn't start the round: I can't post in <#${channelId}> (${escapeMrkdwn(started.failure.detail)}). Nothing was saved. ${fix}`);
  }
  const { round } = started;
  return say(
    `Round #${round.id} started in <#${channelId}>: open for ${formatRoundDuration(parsed.value.durationMs)}, until ${slackDate(round.deadlineAt)}${invitees.size > 0 ? `, ${invitees.size} invited` : ''}${round.anonymous ? ', anonymous' : ''}.`,
  );
}
