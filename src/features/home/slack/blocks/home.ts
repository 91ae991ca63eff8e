import { context, divider, type HomeView, header, type KnownBlock, section } from '../../../../slack/blocks.js';
import { COMMAND } from '../../../../slack/ids.js';
import { code, type HomeSection, type HomeSectionContent, type HomeViewer, homeList } from '../../../home-section.js';

/** One feature's part of Home with what it loaded for this viewer. */
export interface HomePart {
  section: HomeSection;
  content: HomeSectionContent;
}

const forViewer = <T extends { adminOnly?: boolean }>(viewer: HomeViewer, items: T[] | undefined) =>
  (items ?? []).filter((item) => !item.adminOnly || viewer.isAdmin);

function overdueBlock(parts: HomePart[]): KnownBlock | undefined {
  const lines = parts.flatMap((p) => p.content.overdue ?? []);
  if (lines.length === 0) return undefined;
  const all = parts.flatMap((p) => (p.section.overdueCommand ? [code(p.section.overdueCommand)] : [])).join(', ');
  const total = parts.reduce((n, p) => n + (p.content.overdueTotal ?? p.content.overdue?.length ?? 0), 0);
  return section(`:warning: *Overdue for you*\n${homeList(lines, all, total)}`);
}

/**
 * App Home, the GTM control plane, laid out from the features' parts in their order: the buttons in one row, what is
 * overdue for the viewer, each part's blocks (a divider before each group), and the commands they name.
 */
export function homeView(viewer: HomeViewer, parts: HomePart[]): HomeView {
  const buttons = parts.flatMap((p) =>
    forViewer(viewer, p.section.buttons).map((b) => ({
      type: 'button' as const,
      action_id: b.actionId,
      text: { type: 'plain_text' as const, text: b.text },
      ...(b.style ? { style: b.style } : {}),
    })),
  );
  const overdue = overdueBlock(parts);
  const body = parts.flatMap((p) => [...(p.section.startsGroup ? [divider()] : []), ...p.content.blocks]);
  const commands = [
    ...parts.flatMap((p) => forViewer(viewer, p.section.commands).map((c) => c.usage)),
    `${COMMAND} help`,
  ];

  const blocks: KnownBlock[] = [
    header('Loopkeeper: your GTM control plane'),
    ...(buttons.length > 0 ? [{ type: 'actions' as const, block_id: 'home_actions', elements: buttons }] : []),
    ...(overdue ? [overdue] : []),
    ...body,
    divider(),
    context(`Commands: ${commands.map(code).join(', ')}`),
  ];
  return { type: 'home', blocks };
}
