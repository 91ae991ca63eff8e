import { type RiskEventType, type StoredRisk, type StoredRiskEvent } from '../../../db/repositories/risks-repository.js';
import { SEVERITY_LABELS, categoryLabel, scoreTrend, severityOf } from '../../../domain/risks/index.js';
import { escapeMrkdwn } from '../../../domain/text/mrkdwn.js';
import { COMMAND, RISK_ACTION } from '../../ids.js';
import { type KnownBlock, type SlackMessage, context, divider, section, slackDate } from '../blocks.js';
import { clip, riskLine, severityBadge } from './risk-format.js';

/** Two blocks a risk (line + buttons), so a page of 20 stays within the 50-block message limit. */
export const RISK_PAGE_SIZE = 20;

const button = (text: string, actionId: string, value: string, style?: 'primary' | 'danger') => ({
  type: 'button' as const,
  action_id: actionId,
  text: { type: 'plain_text' as const, text },
  value,
  ...(style ? { style } : {}),
});

/** `/loop risk list [page]`: open risks, highest score first, with edit / re-score / close / history. */
export function riskListMessage(input: { risks: StoredRisk[]; total: number; page: number; today: string }): SlackMessage {
  const { risks, total, page, today } = input;
  if (total === 0) {
    const text = 'No open risks. Add one with `' + COMMAND + ' risk add`.';
    return { text, blocks: [section(text)] };
  }
  const pages = Math.ceil(total / RISK_PAGE_SIZE);
  if (risks.length === 0) {
    const text = `There are only ${pages} page${pages === 1 ? '' : 's'} of open risks; try \`${COMMAND} risk list\`.`;
    return { text, blocks: [section(text)] };
  }
  const first = (page - 1) * RISK_PAGE_SIZE + 1;
  const blocks: KnownBlock[] = [section(`*Open risks* · ${first}-${first + risks.length - 1} of ${total}, highest score first`)];
  for (const risk of risks) {
    blocks.push(section(riskLine(risk, today)));
    blocks.push({
      type: 'actions',
      block_id: `risk_actions:${risk.id}`,
      elements: [
        button('Edit', RISK_ACTION.edit, String(risk.id)),
        button('Re-score', RISK_ACTION.rescore, String(risk.id)),
        button('Close', RISK_ACTION.close, String(risk.id), 'danger'),
        button('History', RISK_ACTION.history, String(risk.id)),
      ],
    });
  }
  if (page < pages) {
    blocks.push({
      type: 'actions',
      block_id: 'risk_page',
      elements: [button(`Next ${Math.min(RISK_PAGE_SIZE, total - page * RISK_PAGE_SIZE)}`, RISK_ACTION.page, String(page + 1))],
    });
    blocks.push(context(`${total - (page * RISK_PAGE_SIZE)} more with lower scores · \`${COMMAND} risk list ${page + 1}\``));
  }
  return { text: `${total} open risk${total === 1 ? '' : 's'}`, blocks };
}

const EVENT_VERB: Record<RiskEventType, string> = { created: 'added', edited: 'edited', rescored: 're-scored', closed: 'closed' };

const FIELD_NAMES: Record<string, string> = {
  category: 'category',
  title: 'title',
  description: 'description',
  likelihood: 'likelihood',
  impact: 'impact',
  mitigation: 'mitigation',
  kpis: 'KPIs',
  ownerId: 'owner',
  reviewDate: 'review date',
  score: 'score',
};

const MAX_EVENTS_SHOWN = 30;

/** The history of one risk: score over time, then every change, newest last (the last 30). */
export function riskHistoryMessage(risk: StoredRisk, events: StoredRiskEvent[]): SlackMessage {
  const shown = events.slice(-MAX_EVENTS_SHOWN);
  const lines = shown.map((e) => {
    const rating = `score ${e.score} (${e.likelihood}×${e.impact})`;
    const fields = Object.keys(e.changes)
      .map((f) => FIELD_NAMES[f] ?? f)
      .join(', ');
    const detail = e.type === 'edited' ? (fields ? `: ${fields}` : ': no change') : '';
    const note = e.note ? ` · _${escapeMrkdwn(clip(e.note, 200))}_` : '';
    return `• ${slackDate(e.at, '{date_short}')} <@${e.actor}> ${EVENT_VERB[e.type]}${detail} · ${rating}${note}`;
  });
  const status =
    risk.status === 'closed'
      ? `Closed${risk.closedAt ? ` ${slackDate(risk.closedAt, '{date_short}')}` : ''}: ${escapeMrkdwn(clip(risk.resolution ?? '', 500))}`
      : `Open · review ${risk.reviewDate}`;
  const blocks: KnownBlock[] = [
    section(`*History of* ${escapeMrkdwn(clip(risk.title, 150))} · ${categoryLabel(risk.category)}\n${severityBadge(risk.score)} now · ${status}`),
    section(`*Score over time:* ${scoreTrend(events.map((e) => ({ at: e.at, score: e.score })))}`),
    divider(),
    section(clip(lines.join('\n'), 2900)),
  ];
  if (events.length > shown.length) blocks.push(context(`The ${events.length - shown.length} oldest changes are not shown.`));
  return { text: `History of risk: ${escapeMrkdwn(clip(risk.title, 100))} (${SEVERITY_LABELS[severityOf(risk.score)]})`, blocks };
}
