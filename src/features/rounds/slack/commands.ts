import type { webApi } from '@slack/bolt';
import { escapeMrkdwn } from '../../../domain/text/mrkdwn.js';
import { type SlackMessage, section, slackDate } from '../../../slack/blocks.js';
import type { ModalRequest } from '../../../slack/modal-request.js';
import { slackErrorCode } from '../../../slack/notifier.js';
import { tokenizeCommandText } from '../../../slack/parse/mentions.js';
import { lookUpMentionedUsers, type MentionedUser } from '../../../slack/user-directory.js';
import { DEFAULT_ROUND_MS, formatRoundDuration, parseRoundDuration } from '../../assessment/domain/index.js';
import type { RoundListenerDeps } from './deps.js';

const say = (text: string): SlackMessage => ({ text, blocks: [section(text)] });

export const ROUND_USAGE =
  "Usage: `/loop assess round [#channel] [duration] [@people or @group] [anonymous]`, e.g. `/loop assess round #gtm 5d @ana @ben`. Pick the channel, people and user groups from Slack's autocomplete as you type, so they become links. Durations: `36h`, `5d`, `2w` (1 hour to 30 days; default 5d).";

export interface RoundArguments {
  channelId: string | null;
  durationMs: number;
  /** Mentioned people, with the name Slack showed (if any) for telling the starter about one that isn't found. */
  users: Array<{ id: string; label?: string }>;
  usergroups: string[];
  anonymous: boolean;
}

/** The words after `/loop assess round`: a channel, people and user groups as Slack's tokens, a duration, `anonymous`. */
export function parseRoundArguments(text: string): { ok: true; value: RoundArguments } | { ok: false; error: string } {
  const value: RoundArguments = {
    channelId: null,
    durationMs: DEFAULT_ROUND_MS,
    users: [],
    usergroups: [],
    anonymous: false,
  };
  let duration: string | null = null;
  for (const token of tokenizeCommandText(text)) {
    switch (token.kind) {
      case 'channel':
        if (value.channelId) return { ok: false, error: 'Give at most one channel.' };
        value.channelId = token.id;
        break;
      case 'user':
        value.users.push(token.label === undefined ? { id: token.id } : { id: token.id, label: token.label });
        break;
      case 'usergroup':
        value.usergroups.push(token.id);
        break;
      case 'special':
        return {
          ok: false,
          error: `I can't invite \`@${token.name}\`: a round invites people or a user group. Mention them instead.`,
        };
      case 'link':
        return { ok: false, error: `I don't understand \`${escapeMrkdwn(token.url)}\`.` };
      case 'word': {
        const word = token.text;
        if (/^anonymous$/i.test(word)) {
          value.anonymous = true;
          break;
        }
        // Slack links only what was picked from its autocomplete (or a name it knows); the rest arrives as typed.
        if (word.startsWith('#')) {
          return {
            ok: false,
            error: `I can't tell which channel \`${escapeMrkdwn(word)}\` is: pick it from Slack's autocomplete so it becomes a link.`,
          };
        }
        if (word.startsWith('@')) {
          return {
            ok: false,
            error: `I can't tell who \`${escapeMrkdwn(word)}\` is: pick people and user groups from Slack's autocomplete so they become mentions.`,
          };
        }
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
        break;
      }
    }
  }
  return { ok: true, value };
}

const NOT_INVITED_BECAUSE: Record<Exclude<MentionedUser, 'person'>, string> = {
  not_found: 'not found in this workspace',
  deactivated: 'deactivated',
  app: "an app, which can't answer",
};

/** "Not invited: `@ghost` (not found in this workspace), <@U0OLD> (deactivated)." or '' when everyone was found. */
function notInvitedLine(users: RoundArguments['users'], found: Map<string, MentionedUser>): string {
  const groups = new Map<Exclude<MentionedUser, 'person'>, string[]>();
  const named = new Set<string>();
  for (const { id, label } of users) {
    const status = found.get(id);
    if (status === undefined || status === 'person' || named.has(id)) continue;
    named.add(id);
    // An id Slack doesn't know would render as a broken mention; show what was typed instead.
    const shown =
      status === 'not_found'
        ? `\`${label ? escapeMrkdwn(label.startsWith('@') ? label : `@${label}`) : id}\``
        : `<@${id}>`;
    groups.set(status, [...(groups.get(status) ?? []), shown]);
  }
  if (groups.size === 0) return '';
  return `Not invited: ${[...groups].map(([status, shown]) => `${shown.join(', ')} (${NOT_INVITED_BECAUSE[status]})`).join(', ')}.`;
}

/** `/loop assess round …`: starts a round in the channel; everything wrong gets an ephemeral answer. Runs after ack(). */
export async function startRoundCommand(
  deps: RoundListenerDeps,
  client: webApi.WebClient,
  request: ModalRequest,
  args: string[],
): Promise<SlackMessage> {
  // The words were split on spaces; the tokenizer reads them again as one text.
  const parsed = parseRoundArguments(args.join(' '));
  if (!parsed.ok) return say(`${parsed.error}\n${ROUND_USAGE}`);
  const channelId = parsed.value.channelId ?? request.channelId;
  if (!channelId) return say(`Name the channel for the round.\n${ROUND_USAGE}`);

  let mentioned: Map<string, MentionedUser>;
  try {
    mentioned = await lookUpMentionedUsers(
      client,
      parsed.value.users.map((u) => u.id),
    );
  } catch (error) {
    return say(
      `I couldn't check who is mentioned (${escapeMrkdwn(slackErrorCode(error))}). Nothing was saved. Try again in a moment.`,
    );
  }
  const invitees = new Set(parsed.value.users.map((u) => u.id).filter((id) => mentioned.get(id) === 'person'));
  for (const usergroup of parsed.value.usergroups) {
    try {
      const { users = [] } = await client.usergroups.users.list({ usergroup });
      for (const u of users) invitees.add(u);
    } catch (error) {
      return say(
        `I couldn't read the members of that user group (${escapeMrkdwn(slackErrorCode(error))}). Mention the people instead.`,
      );
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
    return say(
      `:warning: I couldn't start the round: I can't post in <#${channelId}> (${escapeMrkdwn(started.failure.detail)}). Nothing was saved. ${fix}`,
    );
  }
  const { round } = started;
  const notInvited = notInvitedLine(parsed.value.users, mentioned);
  return say(
    `Round #${round.id} started in <#${channelId}>: open for ${formatRoundDuration(parsed.value.durationMs)}, until ${slackDate(round.deadlineAt)}${invitees.size > 0 ? `, ${invitees.size} invited` : ''}${round.anonymous ? ', anonymous' : ''}.${notInvited ? `\n${notInvited}` : ''}`,
  );
}
