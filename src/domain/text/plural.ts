/** English counts for messages: `count(1, 'deal')` -> "1 deal", `count(3, 'deal')` -> "3 deals". */

/** The noun alone, singular for exactly one. Irregular plurals are passed in: `noun(2, 'person', 'people')`. */
export function noun(n: number, singular: string, pluralForm = `${singular}s`): string {
  return n === 1 ? singular : pluralForm;
}

/** The number followed by its noun: "1 open follow-up action", "0 sources", "2 people". */
export function count(n: number, singular: string, pluralForm?: string): string {
  return `${n} ${noun(n, singular, pluralForm)}`;
}
