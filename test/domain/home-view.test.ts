import { describe, expect, it } from 'vitest';
import { assessmentHomeSection } from '../../src/features/assessment/home.js';
import { type HomePart, homeView } from '../../src/features/home/slack/blocks/home.js';
import type { HomeSection, HomeViewer } from '../../src/features/home-section.js';
import { mqaHomeSection } from '../../src/features/mqa/home.js';
import type { StoredRisk } from '../../src/features/risks/domain/index.js';
import { risksHomeSection } from '../../src/features/risks/home.js';
import { followUpsHomeSection, nextRitualsHomeSection } from '../../src/features/rituals/home.js';
import { settingsHomeSection } from '../../src/features/settings/home.js';

const NOW = new Date('2026-11-23T10:00:00Z');

const risk = (id: number, score: number, overrides: Partial<StoredRisk> = {}): StoredRisk => ({
  id,
  teamId: 'T1',
  category: 'pipeline_generation',
  title: `Risk ${id} <script> & ${'long '.repeat(60)}`,
  description: '',
  likelihood: 1,
  impact: score,
  score,
  mitigation: '',
  kpis: '',
  ownerId: 'U1',
  reviewDate: '2026-11-01',
  status: 'open',
  resolution: null,
  closedBy: null,
  closedAt: null,
  createdBy: 'U1',
  createdAt: NOW,
  updatedAt: NOW,
  ...overrides,
});

const viewer = (isAdmin: boolean): HomeViewer => ({ teamId: 'T1', userId: 'U1', isAdmin, now: NOW, timeZone: 'UTC' });

/** Every feature's Home section, in bootstrap's order, fed `n` items per list. */
function sections(n: number): HomeSection[] {
  const many = <T>(make: (i: number) => T) => Array.from({ length: n }, (_, i) => make(i));
  const mqa = many((i) => ({ id: i, accountName: `Acme ${i} ${'z'.repeat(200)}`, statusLabel: 'Shared with Sales' }));
  const risks = many((i) => risk(i, 25 - (i % 25)));
  return [
    assessmentHomeSection({ latestSummary: async () => undefined }),
    nextRitualsHomeSection(async () =>
      many((i) => ({
        ritual: {
          id: i,
          kind: 'gtm_review' as const,
          name: `Ritual ${i} ${'x'.repeat(300)}`,
          channelId: 'C1',
          timeZone: 'Europe/Rome',
        },
        at: NOW,
      })),
    ),
    followUpsHomeSection(async () =>
      many((i) => ({
        what: `Do <thing> ${i} ${'y'.repeat(500)}`,
        dueDate: i % 2 === 0 ? '2026-11-01' : '2026-12-24',
        timeZone: 'UTC',
      })),
    ),
    mqaHomeSection({
      itemsFor: async () => {
        const overdue = mqa.filter((m) => m.id % 3 === 0);
        return { mine: mqa, total: mqa.length, overdue, overdueTotal: overdue.length };
      },
    }),
    risksHomeSection({
      listOpen: async () => ({ risks: risks.slice(0, 5), total: n, today: '2026-11-23', timeZone: 'UTC' }),
      openOwnedBy: async () => many((i) => risk(1000 + i, 4)),
    }),
    settingsHomeSection,
  ];
}

async function build(n: number, isAdmin: boolean) {
  const who = viewer(isAdmin);
  const parts: HomePart[] = [];
  for (const section of sections(n)) parts.push({ section, content: await section.load(who) });
  return homeView(who, parts);
}

const texts = (blocks: any[]) =>
  blocks.map((b) => b.text?.text ?? b.elements?.map((e: any) => e.text?.text ?? e.text).join(' ') ?? '');

describe('App Home view', () => {
  it('lays the sections out in feature order, with settings only for admins', async () => {
    const member = await build(0, false);
    const all = texts(member.blocks).join('\n');
    expect(all.indexOf('No assessment yet')).toBeLessThan(all.indexOf('No rituals yet'));
    expect(all.indexOf('No rituals yet')).toBeLessThan(all.indexOf('No open follow-ups'));
    expect(all.indexOf('No open follow-ups')).toBeLessThan(all.indexOf('No MQA items'));
    expect(all.indexOf('No MQA items')).toBeLessThan(all.indexOf('The risk register is empty'));
    expect(all).not.toContain('/loop settings');
    expect(all).not.toContain('Overdue for you');
    expect(texts((await build(0, true)).blocks).join('\n')).toContain('`/loop settings`');
    const buttons = (view: Awaited<ReturnType<typeof build>>) =>
      (view.blocks.find((b) => b.type === 'actions') as any).elements.map((e: any) => e.text.text);
    expect(buttons(member)).toEqual(['Take the assessment', 'Add an MQA', 'Add a risk']);
    expect(buttons(await build(0, true))).toEqual(['Take the assessment', 'Add an MQA', 'Add a risk', 'Settings']);
  });

  it.each([0, 1, 5, 6, 500])('stays within Slack limits with %i items in every list', async (n) => {
    const view = await build(n, true);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    for (const text of texts(view.blocks)) expect(text.length).toBeLessThanOrEqual(3000);
    const all = texts(view.blocks).join('\n');
    expect(all).not.toContain('<script>');
    expect(all).not.toContain('Do <thing>');
    if (n > 0) {
      expect(all).toContain(':warning: *Overdue for you*');
      // Where Slack can't render the date token, the next ritual reads in the ritual's own zone, not UTC.
      expect(all).toContain('|Mon 23 Nov 2026, 11:00 Europe/Rome>');
    }
    if (n > 5) {
      expect(all).toContain(`…and ${n - 5} more: \`/loop rituals\``);
      expect(all).toContain(`…and ${n - 5} more: \`/loop followups\``);
      expect(all).toContain(`…and ${n - 5} more: \`/loop mqa list mine\``);
      expect(all).toContain(`…and ${n - 5} more: \`/loop risk list\``);
    } else {
      expect(all).not.toContain('more: `/loop rituals`');
    }
  });
});
