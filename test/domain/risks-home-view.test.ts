import { describe, expect, it } from 'vitest';
import type { StoredRisk } from '../../src/features/risks/repository.js';
import type { HomeData } from '../../src/features/home/service.js';
import { homeView } from '../../src/features/home/slack/blocks/home.js';

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

const empty: HomeData = {
  userId: 'U1',
  isAdmin: false,
  now: NOW,
  latest: undefined,
  rituals: { wired: false },
  followUps: { wired: false },
  mqa: { wired: false },
  risks: { top: [], total: 0, today: '2026-11-23', timeZone: 'UTC' },
  myRisks: [],
};

const texts = (blocks: any[]) => blocks.map((b) => b.text?.text ?? b.elements?.map((e: any) => e.text?.text ?? e.text).join(' ') ?? '');

describe('App Home view', () => {
  it('says how to start a section whose feature is not wired', () => {
    const all = texts(homeView(empty).blocks).join('\n');
    expect(all).toContain('Rituals (the three-weekly GTM review, the monthly sync) will show here once they are set up.');
    expect(all).toContain('Follow-up actions from GTM reviews will show here once rituals are set up.');
    expect(all).toContain('MQA handoff is set up');
  });

  it.each([0, 1, 5, 6, 500])('stays within Slack limits with %i items in every list', (n) => {
    const many = <T>(make: (i: number) => T) => Array.from({ length: n }, (_, i) => make(i));
    const data: HomeData = {
      ...empty,
      isAdmin: true,
      rituals: { wired: true, items: many((i) => ({ name: `Ritual ${i} ${'x'.repeat(300)}`, nextAt: NOW, channelId: 'C1' })) },
      followUps: { wired: true, items: many((i) => ({ text: `Do <thing> ${i} ${'y'.repeat(500)}`, dueDate: '2026-11-01', overdue: i % 2 === 0 })) },
      mqa: { wired: true, items: many((i) => ({ accountName: `Acme ${i} ${'z'.repeat(200)}`, status: 'shared', overdue: i % 3 === 0 })) },
      risks: { top: many((i) => risk(i, 25 - (i % 25))).slice(0, 5), total: n, today: '2026-11-23', timeZone: 'UTC' },
      myRisks: many((i) => risk(1000 + i, 4)),
    };
    const view = homeView(data);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    for (const text of texts(view.blocks)) expect(text.length).toBeLessThanOrEqual(3000);
    const all = texts(view.blocks).join('\n');
    expect(all).not.toContain('<script>');
    expect(all).not.toContain('Do <thing>');
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
