import { count } from '../../../domain/text/plural.js';

/** Rows of one table that were exported or deleted. */
export interface TableCount {
  table: string;
  rows: number;
}

export const totalRows = (counts: readonly TableCount[]): number => counts.reduce((sum, c) => sum + c.rows, 0);

/**
 * The tables with rows, one per line ("• `teams`: 1 row"), then the empty ones on one line: how an export or a
 * deletion says what it covered. mrkdwn; table names are code so their underscores stay underscores.
 */
export function tableCountLines(counts: readonly TableCount[], emptyLabel: string): string[] {
  const withRows = counts.filter((c) => c.rows > 0);
  const empty = counts.filter((c) => c.rows === 0);
  return [
    ...withRows.map((c) => `• \`${c.table}\`: ${count(c.rows, 'row')}`),
    ...(empty.length > 0 ? [`${emptyLabel}: ${empty.map((c) => `\`${c.table}\``).join(', ')}`] : []),
  ];
}
