import { escapeMrkdwn, truncate } from '../../../../domain/text/mrkdwn.js';
import { count, noun } from '../../../../domain/text/plural.js';
import {
  clip,
  context,
  divider,
  type KnownBlock,
  type SlackMessage,
  section,
  slackDate,
  slackDay,
} from '../../../../slack/blocks.js';
import { COMMAND } from '../../../../slack/ids.js';
import { fitsTable, type TableCell, type TableModel, tableBlock } from '../../../../slack/table.js';
import {
  categoryLabel,
  eventChanges,
  type FieldChange,
  type RiskEventType,
  SEVERITY_LABELS,
  type StoredRisk,
  type StoredRiskEvent,
  scoreTrend,
  severityOf,
} from '../../domain/index.js';
import { RISK_ACTION } from '../ids.js';
import { reviewDayCell, riskLine, severityBadge, titleCell } from './risk-format.js';

/** A table row and an actions block a risk (two blocks as text), so a page of 20 stays within 50 blocks. */
export const RISK_PAGE_SIZE = 20;

const button = (text: string, actionId: string, value: string, style?: 'primary' | 'danger') => ({
  type: 'button' as const,
  action_id: actionId,
  text: { type: 'plain_text' as const, text },
  value,
  ...(style ? { style } : {}),
});

const say = (text: string): SlackMessage => ({ text, blocks: [section(text)] });

/** `/loop risk list [page]`: open risks, highest score first, with edit / re-score / close / history. */
export function riskListMessage(input: {
  risks: StoredRisk[];
  total: number;
  page: number;
  today: string;
  timeZone: string;
}): SlackMessage {
  const { risks, total, page, today, timeZone } = input;
  if (total === 0) return say(`No open risks. Add one with \`${COMMAND} risk add\`.`);
  const pages = Math.ceil(total / RISK_PAGE_SIZE);
  if (risks.length === 0) {
    return say(
      `There ${noun(pages, 'is', 'are')} only ${count(pages, 'page')} of open risks; \`${COMMAND} risk list${pages === 1 ? '' : ` ${pages}`}\` shows the last.`,
    );
  }
  const first = (page - 1) * RISK_PAGE_SIZE + 1;
  const blocks: KnownBlock[] = [
    section(`*Open risks* · ${first}-${first + risks.length - 1} of ${total}, highest score first`),
  ];
  const table = riskListTable(risks, first, today, timeZone);
  const asTable = fitsTable(table);
  if (asTable) blocks.push(tableBlock(table));
  risks.forEach((risk, i) => {
    // Beside the table the buttons say which row they act on; as text each risk's line is above its buttons.
    const n = asTable ? ` #${first + i}` : '';
    if (!asTable) blocks.push(section(riskLine(risk, today, timeZone)));
    blocks.push({
      type: 'actions',
      block_id: `risk_actions:${risk.id}`,
      elements: [
        button(`Edit${n}`, RISK_ACTION.edit, String(risk.id)),
        button(`Re-score${n}`, RISK_ACTION.rescore, String(risk.id)),
        button(`Close${n}`, RISK_ACTION.close, String(risk.id), 'danger'),
        button(`History${n}`, RISK_ACTION.history, String(risk.id)),
      ],
    });
  });
  if (page < pages) {
    const rest = total - page * RISK_PAGE_SIZE;
    blocks.push({
      type: 'actions',
      block_id: 'risk_page',
      elements: [button(`Next ${Math.min(RISK_PAGE_SIZE, rest)}`, RISK_ACTION.page, String(page + 1))],
    });
    blocks.push(
      context(
        `${rest} more with ${noun(rest, 'a lower score', 'lower scores')} · \`${COMMAND} risk list ${page + 1}\``,
      ),
    );
  }
  return { text: count(total, 'open risk'), blocks };
}

/** One page of the register as a table: numbered rows (the buttons below name the number), titles as typed. */
export function riskListTable(risks: StoredRisk[], first: number, today: string, timeZone: string): TableModel {
  return {
    columns: [
      { header: '#', align: 'right' },
      { header: 'Risk', wrap: true },
      { header: 'Score', align: 'right' },
      { header: 'Severity' },
      { header: 'Category' },
      { header: 'Owner' },
      { header: 'Review' },
    ],
    rows: risks.map((r, i): TableCell[] => [
      String(first + i),
      titleCell(r.title),
      String(r.score),
      SEVERITY_LABELS[severityOf(r.score)],
      categoryLabel(r.category),
      { userId: r.ownerId },
      reviewDayCell(r.reviewDate, today, timeZone),
    ]),
  };
}

/** `/loop risk list <page>` with something that is no page: says what is wrong once, and what works. */
export function riskPageProblemMessage(typed: string): SlackMessage {
  const shown = `\`${escapeMrkdwn(typed)}\``;
  if (/^[-+]?\d+$/.test(typed))
    return say(`Pages start at 1, so there is no page ${shown}; \`${COMMAND} risk list\` shows the first.`);
  return say(`${shown} is not a page number; type one like \`${COMMAND} risk list 2\`, or nothing for the first page.`);
}

const EVENT_VERB: Record<RiskEventType, string> = {
  created: 'added',
  edited: 'edited',
  rescored: 're-scored',
  closed: 'closed',
};

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

const TEXT_FIELDS = new Set(['title', 'description', 'mitigation', 'kpis']);
/** Long typed text is cut to this many characters on each side of the arrow; the register keeps it whole. */
const VALUE_MAX = 80;
const SLACK_USER_ID = /^[UW][A-Z0-9]+$/;

/** One side of a change, as people read it: labels, mentions and dates rather than stored keys; typed text escaped. */
function valueText(field: string, value: unknown, timeZone: string): string {
  if (value === null || value === undefined || value === '') return '_(empty)_';
  const text = String(value);
  if (field === 'category') return categoryLabel(text);
  if (field === 'ownerId') return SLACK_USER_ID.test(text) ? `<@${text}>` : escapeMrkdwn(text);
  if (field === 'reviewDate') return slackDay(text, timeZone, '{date_short}');
  if (TEXT_FIELDS.has(field)) return `“${escapeMrkdwn(truncate(text.replace(/\s+/g, ' ').trim(), VALUE_MAX))}”`;
  return escapeMrkdwn(text);
}

const changeLine = (c: FieldChange, timeZone: string) =>
  `      ◦ ${FIELD_NAMES[c.field] ?? escapeMrkdwn(c.field)}: ${valueText(c.field, c.before, timeZone)} → ${valueText(c.field, c.after, timeZone)}`;

const MAX_EVENTS_SHOWN = 30;
// Slack caps a section's text at 3000 characters and a message at 50 blocks.
const SECTION_MAX = 2900;

/** Packs event texts into as few sections as fit, never cutting one event's lines apart. */
function eventSections(texts: string[]): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  let current = '';
  for (const text of texts) {
    if (current && current.length + 1 + text.length > SECTION_MAX) {
      blocks.push(section(current));
      current = '';
    }
    current = current ? `${current}\n${text}` : text;
  }
  if (current) blocks.push(section(current));
  return blocks;
}

/** The history of one risk: score over time, then every change with each field's before and after (the last 30). */
export function riskHistoryMessage(risk: StoredRisk, events: StoredRiskEvent[], timeZone: string): SlackMessage {
  const changes = eventChanges(events);
  const texts = events.map((e, i) => {
    const changed = changes[i] ?? [];
    const score = changed.find((c) => c.field === 'score');
    const rating = `score ${score ? `${String(score.before)} → ` : ''}${e.score} (${e.likelihood}×${e.impact})`;
    const noChange = e.type === 'edited' && changed.length === 0 ? ' (nothing changed)' : '';
    const note = e.note ? ` · _${escapeMrkdwn(clip(e.note, 200))}_` : '';
    const head = `• ${slackDate(e.at, '{date_short}')} <@${e.actor}> ${EVENT_VERB[e.type]}${noChange} · ${rating}${note}`;
    return [head, ...changed.filter((c) => c.field !== 'score').map((c) => changeLine(c, timeZone))].join('\n');
  });
  const shown = texts.slice(-MAX_EVENTS_SHOWN);
  const status =
    risk.status === 'closed'
      ? `Closed${risk.closedAt ? ` ${slackDate(risk.closedAt, '{date_short}')}` : ''}: ${escapeMrkdwn(clip(risk.resolution ?? '', 500))}`
      : `Open · review ${slackDay(risk.reviewDate, timeZone)}`;
  const blocks: KnownBlock[] = [
    section(
      `*History of* ${escapeMrkdwn(clip(risk.title, 150))} · ${categoryLabel(risk.category)}\n${severityBadge(risk.score)} now · ${status}`,
    ),
    section(`*Score over time:* ${scoreTrend(events.map((e) => ({ at: e.at, score: e.score })))}`),
    divider(),
    ...eventSections(shown),
  ];
  const hidden = texts.length - shown.length;
  if (hidden > 0)
    blocks.push(
      context(hidden === 1 ? 'The oldest change is not shown.' : `The ${hidden} oldest changes are not shown.`),
    );
  return {
    text: `History of risk: ${escapeMrkdwn(clip(risk.title, 100))} (${SEVERITY_LABELS[severityOf(risk.score)]})`,
    blocks,
  };
}
