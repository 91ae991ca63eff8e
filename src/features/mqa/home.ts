import { escapeMrkdwn } from '../../domain/text/mrkdwn.js';
import { clip, section } from '../../slack/blocks.js';
import { COMMAND } from '../../slack/ids.js';
import { code, type HomeSection, homeList } from '../home-section.js';
import { MQA_HOME_ACTION } from './slack/ids.js';

/** The viewer's own open MQA items, overdue ones first and flagged. */
interface HomeItem {
  id: number;
  accountName: string;
  statusLabel: string;
}

export function mqaHomeSection(readModels: {
  itemsFor(
    teamId: string,
    userId: string,
  ): Promise<{ mine: HomeItem[]; total: number; overdue: HomeItem[]; overdueTotal: number }>;
}): HomeSection {
  return {
    key: 'mqa',
    buttons: [{ text: 'Add an MQA', actionId: MQA_HOME_ACTION.add }],
    overdueCommand: `${COMMAND} mqa list mine`,
    async load(viewer) {
      const { mine, total, overdue, overdueTotal } = await readModels.itemsFor(viewer.teamId, viewer.userId);
      const overdueIds = new Set(overdue.map((i) => i.id));
      const items = [...overdue, ...mine.filter((i) => !overdueIds.has(i.id))].map((i) => ({
        name: escapeMrkdwn(clip(i.accountName, 100)),
        status: escapeMrkdwn(clip(i.statusLabel, 40)),
        overdue: overdueIds.has(i.id),
      }));
      const text =
        items.length === 0
          ? 'No MQA items for you. Add one with *Add an MQA* above.'
          : homeList(
              items.map((m) => `${m.overdue ? ':warning: ' : ''}*${m.name}* · ${m.status}`),
              code(`${COMMAND} mqa list mine`),
              total,
            );
      return {
        blocks: [section(`*Your MQA items*\n${text}`)],
        overdue: items.filter((m) => m.overdue).map((m) => `MQA: ${m.name} (${m.status})`),
        overdueTotal,
      };
    },
  };
}
