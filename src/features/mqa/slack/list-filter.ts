import { CLOSED_STATUSES, type MqaStatus, OPEN_STATUSES } from '../domain/index.js';

/**
 * `/loop mqa list [filter]`. open (the default): every account still in play, stalled ones included; mine: the open
 * ones you own, acknowledged or added; mine all: yours, closed ones too (won, lost, rejected, not a fit);
 * stalled: stalled only; closed: won, lost, rejected and not a fit; all: everything.
 */
export const MQA_LIST_FILTERS = ['open', 'mine', 'mine all', 'stalled', 'closed', 'all'] as const;
export type MqaListFilter = (typeof MQA_LIST_FILTERS)[number];

/** The filter the command's words name (case-insensitive, extra spaces ignored); undefined if none. */
export function parseListFilter(words: string[]): MqaListFilter | undefined {
  const text = words.join(' ').trim().toLowerCase().replace(/\s+/g, ' ') || 'open';
  return (MQA_LIST_FILTERS as readonly string[]).includes(text) ? (text as MqaListFilter) : undefined;
}

/** The repository query behind a filter. */
export function mqaListQuery(
  filter: MqaListFilter,
  userId: string,
): { statuses?: readonly MqaStatus[]; ownerOrCreator?: string } {
  switch (filter) {
    case 'open':
      return { statuses: OPEN_STATUSES };
    case 'mine':
      return { statuses: OPEN_STATUSES, ownerOrCreator: userId };
    case 'mine all':
      return { ownerOrCreator: userId };
    case 'stalled':
      return { statuses: ['stalled'] };
    case 'closed':
      return { statuses: CLOSED_STATUSES };
    case 'all':
      return {};
  }
}
