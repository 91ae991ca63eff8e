import { escapeMrkdwn } from '../../domain/text/mrkdwn.js';
import { clip, context, type KnownBlock, section, slackDay } from '../../slack/blocks.js';
import { COMMAND } from '../../slack/ids.js';
import { code, type HomeSection, homeList } from '../home-section.js';
import { isReviewOverdue } from './domain/index.js';
import type { RiskService } from './service.js';
import { riskLine } from './slack/blocks/risk-format.js';
import { RISK_HOME_ACTION } from './slack/ids.js';

export const HOME_TOP_RISKS = 5;
/** Enough of the viewer's own risks to find every overdue review; Home shows a few and counts the rest. */
export const HOME_OWNED_RISKS = 200;

/** The team's top risks by score, the viewer's own besides, and their overdue reviews. */
export function risksHomeSection(risks: Pick<RiskService, 'listOpen' | 'openOwnedBy'>): HomeSection {
  return {
    key: 'risks',
    startsGroup: true,
    buttons: [{ text: 'Add a risk', actionId: RISK_HOME_ACTION.add }],
    overdueCommand: `${COMMAND} risk list`,
    commands: [{ usage: `${COMMAND} risk add` }, { usage: `${COMMAND} risk list` }],
    async load(viewer) {
      const [open, mine] = await Promise.all([
        risks.listOpen(viewer.teamId, 1, HOME_TOP_RISKS),
        risks.openOwnedBy(viewer.teamId, viewer.userId, HOME_OWNED_RISKS),
      ]);
      const { risks: top, total, today, timeZone } = open;
      const overdue = mine
        .filter((r) => isReviewOverdue(r.reviewDate, today))
        .map((r) => `Risk review: ${escapeMrkdwn(clip(r.title, 150))} (was due ${slackDay(r.reviewDate, timeZone)})`);
      if (total === 0) {
        const empty = `*Top risks*\nThe risk register is empty. Add what could hurt pipeline or positioning with \`${COMMAND} risk add\`.`;
        return { blocks: [section(empty)], overdue };
      }
      const lines = top.map((r) => riskLine(r, today, timeZone, { titleMax: 100 }));
      const blocks: KnownBlock[] = [
        section(`*Top risks* (${total} open)\n${homeList(lines, code(`${COMMAND} risk list`), total)}`),
      ];
      const others = mine.filter((r) => !top.some((t) => t.id === r.id));
      if (others.length > 0) {
        const owned = others.slice(0, 3).map((r) => `${escapeMrkdwn(clip(r.title, 60))} (${r.score})`);
        blocks.push(context(`You also own: ${owned.join(' · ')}`));
      }
      return { blocks, overdue };
    },
  };
}
