import { escapeMrkdwn } from '../../../../domain/text/mrkdwn.js';
import { clip, context, type SlackMessage, section, slackDay } from '../../../../slack/blocks.js';
import { COMMAND } from '../../../../slack/ids.js';
import { categoryLabel, formatDay, type StoredRisk } from '../../domain/index.js';
import { severityBadge } from './risk-format.js';

const RISK_USAGE = [
  `\`${COMMAND} risk add\`  Add a risk to the register (category, likelihood × impact, mitigation, KPIs, owner, review date).`,
  `\`${COMMAND} risk list [page]\`  Open risks, highest score first, with edit, re-score, close and history.`,
].join('\n');

/** The ephemeral answer to `/loop risk` with nothing or something we don't understand after it. */
export function riskUsageMessage(problem?: string): SlackMessage {
  const text = `${problem ? `${problem}\n\n` : ''}*Risk register commands:*\n${RISK_USAGE}`;
  return { text: `${problem ? `${problem} ` : ''}Use /loop risk add or /loop risk list.`, blocks: [section(text)] };
}

export function riskSavedMessage(
  risk: StoredRisk,
  verb: 'added' | 'updated' | 're-scored' | 'closed',
  timeZone: string,
): SlackMessage {
  const text = `:white_check_mark: Risk ${verb}: ${severityBadge(risk.score)} · *${escapeMrkdwn(clip(risk.title, 150))}* · owner <@${risk.ownerId}> · review ${slackDay(risk.reviewDate, timeZone)}`;
  return {
    text: `Risk ${verb}: ${escapeMrkdwn(clip(risk.title, 100))}`,
    blocks: [section(text), context(`\`${COMMAND} risk list\` shows the register.`)],
  };
}

export function riskGoneMessage(kind: 'not_found' | 'closed'): SlackMessage {
  const text =
    kind === 'closed' ? 'That risk is already closed; its history is kept.' : "I can't find that risk any more.";
  return { text, blocks: [section(text)] };
}

/** The owner's DM when a review date arrives. */
export function reviewReminderMessage(risk: StoredRisk, timeZone: string): SlackMessage {
  const parts = [
    `:alarm_clock: *Time to review a risk you own* (review date ${slackDay(risk.reviewDate, timeZone)})`,
    `${severityBadge(risk.score)} · *${escapeMrkdwn(clip(risk.title, 150))}* · ${categoryLabel(risk.category)} · likelihood ${risk.likelihood} × impact ${risk.impact}`,
  ];
  if (risk.mitigation) parts.push(`*Mitigation:* ${escapeMrkdwn(clip(risk.mitigation, 800))}`);
  if (risk.kpis) parts.push(`*Monitoring KPIs:* ${escapeMrkdwn(clip(risk.kpis, 500))}`);
  return {
    // Notifications show this text as it is, so the date is written out rather than a token.
    text: `Time to review the risk "${escapeMrkdwn(clip(risk.title, 100))}" (review date ${formatDay(risk.reviewDate)})`,
    blocks: [
      section(parts.join('\n')),
      context(`Re-score it, set the next review date or close it from \`${COMMAND} risk list\`.`),
    ],
  };
}
