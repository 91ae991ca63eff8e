/** `/loop assess pure-plg` -> { subcommand: 'assess', args: ['pure-plg'] }. */
export function parseCommandText(text: string | undefined): { subcommand: string; args: string[] } {
  const words = (text ?? '').trim().split(/\s+/).filter(Boolean);
  return { subcommand: (words[0] ?? '').toLowerCase(), args: words.slice(1) };
}
