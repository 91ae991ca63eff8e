import { count } from '../../../../domain/text/plural.js';
import { type SlackMessage, section } from '../../../../slack/blocks.js';
import { COMMAND } from '../../../../slack/ids.js';
import { type TableCount, tableCountLines, totalRows } from '../../domain/table-counts.js';

const say = (text: string): SlackMessage => ({ text, blocks: [section(text)] });

/** The upload's comment in the admin's DM: what the zip holds, table by table. */
export function exportComment(counts: readonly TableCount[]): string {
  return [
    `Loopkeeper data of this workspace: ${count(totalRows(counts), 'row')} in ${count(counts.length, 'table')}, ` +
      'one CSV file per table with a header row. Slack tokens are not included.',
    ...tableCountLines(counts, 'No rows (header only)'),
  ].join('\n');
}

/** The ephemeral answer to `/loop data export` once the zip is in the DM. */
export const exportSentMessage = (counts: readonly TableCount[]): SlackMessage =>
  say(
    `:inbox_tray: I sent you the export in a DM: one zip with ${count(counts.length, 'CSV file')}, ` +
      `${count(totalRows(counts), 'row')} in all.`,
  );

export const exportFailedMessage = (code: string): SlackMessage =>
  say(
    `:warning: I couldn't send you the export (${code.replace(/[<>&]/g, '')}). Nothing was shared. Try again in a moment.`,
  );

/** After `/loop data delete`: what was deleted, table by table. */
export function deletedMessage(counts: readonly TableCount[]): SlackMessage {
  const total = totalRows(counts);
  if (total === 0) {
    return say(":wastebasket: There was nothing to delete: this workspace's Loopkeeper data was already gone.");
  }
  const text = [
    `:wastebasket: Deleted all of this workspace's Loopkeeper data: ${count(total, 'row')} from ` +
      `${count(counts.filter((c) => c.rows > 0).length, 'table')}.`,
    ...tableCountLines(counts, 'Already empty'),
    `Loopkeeper admins went too: workspace admins and owners can add them again in \`${COMMAND} settings\`.`,
  ].join('\n');
  return say(text);
}

export const deleteFailedMessage = (): SlackMessage =>
  say(
    ":warning: I couldn't delete the workspace's data: the database refused, and nothing was deleted. Try again in a moment.",
  );
