/** The table blocks of a message or view. */
export function tableBlocks(blocks: any[] | undefined): any[] {
  return (blocks ?? []).filter((b) => b?.type === 'table');
}

/** A table cell as text: raw text as is, a rich_text cell's text runs, mentions and dates as their mrkdwn tokens. */
function cellText(cell: any): string {
  if (cell?.type === 'raw_text' || cell?.type === 'raw_number') return cell.text;
  const parts: string[] = [];
  const walk = (el: any) => {
    if (el?.type === 'user') parts.push(`<@${el.user_id}>`);
    else if (el?.type === 'date') parts.push(`<!date^${el.timestamp}^${el.format}|${el.fallback}>`);
    else if (typeof el?.text === 'string') parts.push(el.text);
    for (const child of el?.elements ?? []) walk(child);
  };
  walk(cell);
  return parts.join('');
}

/** The rows of the message's one table as text, header first; throws unless there is exactly one table. */
export function tableRows(blocks: any[] | undefined): string[][] {
  const tables = tableBlocks(blocks);
  if (tables.length !== 1) throw new Error(`expected one table block, found ${tables.length}`);
  return tables[0].rows.map((row: any[]) => row.map(cellText));
}
