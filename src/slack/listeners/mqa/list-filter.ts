import { type MqaStatus, OPEN_STATUSES } from '../../../domain/mqa/index.js';

export type MqaListFilter = 'mine' | 'open' | 'stalled' | 'all';

/** The repository query behind `/loop mqa list <filter>`; undefined for an unknown filter. */
export function mqaListQuery(filter: string, userId: string): { statuses?: readonly MqaStatus[]; ownerOrCreator?: string } | undefined {
  switch (filter) {
    case 'mine':
      return { statuses: OPEN_STATUSES, ownerOrCreator: userId };
    case 'open':
      return { statuses: OPEN_STATUSES };
    case 'stalled':
      return { statuses: ['stalled'] };
    case 'all':
      return {};
    default:
      return undefined;
  }
}

