import { type KnownBlock, type SlackMessage, context, header, section } from '../blocks.js';

// Slack caps a section's text at 3000 characters; lines are grouped under that.
const SECTION_MAX = 2900;
const MAX_BLOCKS = 45;

/** Groups mrkdwn lines into section blocks, starting a new one at each bold heading line. */
export function linesToSections(lines: string[]): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  let current = '';
  for (const line of lines) {
    const heading = line.startsWith('*');
    if (current && (heading || current.length + line.length + 1 > SECTION_MAX)) {
      blocks.push(section(current));
      current = '';
    }
    current = current ? `${current}\n${line.slice(0, SECTION_MAX)}` : line.slice(0, SECTION_MAX);
  }
  if (current) blocks.push(section(current));
  return blocks.slice(0, MAX_BLOCKS);
}

const day = (at: Date) => at.toISOString().slice(0, 10);

/** `/loop kpis [weeks]`: the digest's KPI section for the last `weeks` weeks, shown only to the requester. */
export function kpiMessage(input: { weeks: number; from: Date; to: Date; lines: string[]; emptyText: string }): SlackMessage {
  const span = `${input.weeks} week${input.weeks === 1 ? '' : 's'}`;
  const body = input.lines.length > 0 ? linesToSections(input.lines) : [section(input.emptyText)];
  return {
    text: `GTM KPIs for the last ${span}`,
    blocks: [
      header(`GTM KPIs: last ${span}`),
      context(`${day(input.from)} to ${day(new Date(input.to.getTime() - 1))} (UTC), each figure against the ${span} before`),
      ...body,
    ],
  };
}

export const kpiUsageMessage = (problem: string): SlackMessage => {
  const text = `${problem} Use \`/loop kpis [weeks]\` with a whole number of weeks from 1 to 52 (default 3, the GTM review cadence).`;
  return { text, blocks: [section(text)] };
};
