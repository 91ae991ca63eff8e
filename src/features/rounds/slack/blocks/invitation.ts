import { context, header, type KnownBlock, type SlackMessage, section, slackDate } from '../../../../slack/blocks.js';
import type { StoredRound } from '../../domain/round.js';
import { ROUND } from '../ids.js';

const MAX_LISTED = 40;

const count = (answered: number, invited: number) =>
  invited > 0 ? `*${answered}* answered (${invited} invited)` : `*${answered}* answered so far`;

/** The channel invitation. It shows how many answered, never scores: nobody anchors on early answers. */
export function invitationMessage(round: StoredRound, answered: number): SlackMessage {
  const invited = round.invitees.length;
  if (round.status === 'closed') {
    const by = round.closedBy && round.closedBy !== 'deadline' ? ` by <@${round.closedBy}>` : ' at its deadline';
    const text = `Team assessment round #${round.id} is closed${by}: ${answered} answered. The results are in the summary below.`;
    return { text, blocks: [header('Team assessment round (closed)'), section(text)] };
  }
  const lines = [
    `<@${round.startedBy}> started a team round of the feedback-loop assessment. Answer privately: the channel only sees the team's results when the round closes${round.anonymous ? ', without names (anonymous round)' : ''}.`,
    `*Deadline:* ${slackDate(round.deadlineAt)}`,
    // Mentions stay well under the 3000-character section limit; a big group is shown as a count.
    invited > 0 && invited <= MAX_LISTED
      ? `*Invited:* ${round.invitees.map((u) => `<@${u}>`).join(' ')} (anyone else may answer too)`
      : '',
    invited > MAX_LISTED ? `*Invited:* ${invited} people (anyone else may answer too)` : '',
    count(answered, invited),
  ].filter(Boolean);
  const blocks: KnownBlock[] = [
    header('Team assessment round'),
    section(lines.join('\n')),
    {
      type: 'actions',
      block_id: `round_actions:${round.id}`,
      elements: [
        {
          type: 'button',
          action_id: ROUND.takeAction,
          style: 'primary',
          text: { type: 'plain_text', text: 'Take the assessment' },
          value: String(round.id),
        },
        {
          type: 'button',
          action_id: ROUND.closeAction,
          text: { type: 'plain_text', text: 'Close round' },
          value: String(round.id),
          confirm: {
            title: { type: 'plain_text', text: 'Close the round now?' },
            text: { type: 'plain_text', text: 'Nobody can answer after this, and the summary is posted.' },
            confirm: { type: 'plain_text', text: 'Close round' },
            deny: { type: 'plain_text', text: 'Keep it open' },
          },
        },
      ],
    },
    context(
      `Round #${round.id} · you can change your answer until the deadline · the starter or an admin can close it early`,
    ),
  ];
  return { text: `Team assessment round #${round.id}: ${answered} answered so far`, blocks };
}

export function nudgeMessage(round: StoredRound): SlackMessage {
  const text = `Reminder: the team assessment round #${round.id} in <#${round.channelId}> closes ${slackDate(round.deadlineAt)} and you haven't answered yet. It takes about five minutes.`;
  return {
    text,
    blocks: [
      section(text),
      {
        type: 'actions',
        block_id: `round_nudge:${round.id}`,
        elements: [
          {
            type: 'button',
            action_id: ROUND.takeAction,
            style: 'primary',
            text: { type: 'plain_text', text: 'Take the assessment' },
            value: String(round.id),
          },
        ],
      },
    ],
  };
}
