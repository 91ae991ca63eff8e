import { escapeMrkdwn as e } from '../../../../domain/text/mrkdwn.js';
import { count } from '../../../../domain/text/plural.js';
import { context, header, type KnownBlock, type SlackMessage, section, slackDate } from '../../../../slack/blocks.js';
import { DIMENSION_KEYS, dimension } from '../../../assessment/domain/index.js';
import { formatDelta } from '../../../assessment/slack/blocks/summary.js';
import type { HistoryEntry } from '../../history-service.js';

/** The team's recent results, newest first, each with its change against the one before. */
export function historyMessage(entries: HistoryEntry[]): SlackMessage {
  if (entries.length === 0) {
    const text =
      'No results yet. Take the assessment with `/loop assess` or start a team round with `/loop assess round`.';
    return { text, blocks: [section(text)] };
  }
  const blocks: KnownBlock[] = [header('Feedback-loop history')];
  for (const entry of entries) {
    const what =
      entry.kind === 'round'
        ? `Round #${entry.id} (${count(entry.respondents, 'respondent')})`
        : `Assessment #${entry.id}`;
    const overallChange =
      entry.comparison.kind === 'compared' ? `  ${formatDelta(entry.comparison.overall)}` : '  (first result)';
    const dims = DIMENSION_KEYS.map((key) => {
      const change = entry.comparison.kind === 'compared' ? ` ${formatDelta(entry.comparison.dimensions[key])}` : '';
      return `${e(dimension(key).shortLabel)} ${entry.scores[key].toFixed(1)}${change}`;
    }).join(' · ');
    blocks.push(
      section(
        `*${what}* · ${slackDate(entry.at, '{date_short_pretty}')}\n*${entry.overall.toFixed(1)} / 5 ${entry.band}*${overallChange}\n${dims}`,
      ),
    );
  }
  blocks.push(
    context(
      'Newest first; each result is compared with the one before it. `/loop assess export` sends everything as a CSV.',
    ),
  );
  return { text: `Feedback-loop history: ${count(entries.length, 'result')}`, blocks };
}
