import { describe, expect, it } from 'vitest';
import { runDataImport } from '../../src/cli/data-import.js';
import type { DigestSection } from '../../src/features/digest-section.js';
import { createRisksRepository } from '../../src/features/risks/repository.js';
import { ritualPostMessage } from '../../src/features/rituals/slack/blocks/ritual-post.js';
import { Checker, formatIssue } from '../../src/slack-double/block-kit/checker.js';
import { checkMessage } from '../../src/slack-double/block-kit/surfaces.js';
import { blockText } from '../helpers/assess-journey.js';
import { GENERAL, useLoopkeeper } from '../helpers/loopkeeper.js';
import { addRitual, topLevelPosts } from '../helpers/rituals-journey.js';
import { tableBlocks, tableRows } from '../helpers/table.js';

const start = useLoopkeeper();
const TEAM = 'T0TEST';
// The GTM review of rituals-journey.ts: every 3 weeks on Tuesday 10:00 Rome from 2026-11-24 (09:00 UTC).
const REVIEW_AT = new Date('2026-11-24T09:00:00Z');
const TYPED_TITLE = 'Pipeline <!channel> & *churn* <https://x.example|link>';

async function addRisk(app: { db: any }, title: string, likelihood: number, impact: number) {
  await createRisksRepository(app.db).insert(
    TEAM,
    {
      category: 'pipeline_generation',
      title,
      description: '',
      likelihood,
      impact,
      score: likelihood * impact,
      mitigation: '',
      kpis: '',
      ownerId: 'U0BOB',
      reviewDate: '2026-11-20',
    },
    { actor: 'U0ALICE', at: new Date('2026-11-02T10:00:00Z'), sourceViewId: null },
  );
}

async function importExamples(databaseUrl: string) {
  for (const kind of ['leads', 'touchpoints', 'deals', 'spend']) {
    const code = await runDataImport([kind, `examples/gtm/${kind}.csv`, '--team', TEAM], {
      databaseUrl,
      out: () => {},
      err: () => {},
    });
    expect(code).toBe(0);
  }
}

async function review(started: Awaited<ReturnType<typeof start>>) {
  started.clock.set(REVIEW_AT);
  await started.app.tick();
  await started.app.idle();
  const posts = topLevelPosts(started.double, GENERAL);
  expect(posts).toHaveLength(1);
  return posts[0];
}

describe('tables in the GTM review digest', () => {
  it('without KPI data, the risk section is the table: typed titles shown as typed, owners as mentions', async () => {
    const started = await start({ start: new Date('2026-11-03T09:00:00Z') });
    await addRitual(started.double, started.app);
    await addRisk(started.app, TYPED_TITLE, 4, 5);
    await addRisk(started.app, 'Brand confusion', 2, 2);
    const post = await review(started);

    // 20 Nov at midday in Rome (the ritual's zone) is 11:00 UTC.
    const nov20 = `<!date^${Date.UTC(2026, 10, 20, 11) / 1000}^{date_short_pretty}|Fri 20 Nov 2026> (overdue)`;
    expect(tableRows(post.blocks)).toEqual([
      ['Risk', 'Score', 'Severity', 'Since last review', 'Review', 'Owner'],
      [TYPED_TITLE, '20', 'Critical', '–', nov20, '<@U0BOB>'],
      ['Brand confusion', '4', 'Low', '–', nov20, '<@U0BOB>'],
    ]);
    // Typed text goes out as a rich_text text run, which Slack shows literally: no mention, no link.
    const titleCell = tableBlocks(post.blocks)[0].rows[1][0];
    expect(titleCell).toEqual({
      type: 'rich_text',
      elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: TYPED_TITLE }] }],
    });
    const table = tableBlocks(post.blocks)[0];
    expect(table.column_settings).toEqual([{ is_wrapped: true }, { align: 'right' }, {}, { align: 'right' }, {}, {}]);
    const text = blockText(post.blocks.filter((b: any) => b.type !== 'table'));
    expect(text).toContain('*All 2 open risks*, highest score first');
    // The text lines are not repeated beside the table, and the KPI section says plainly there is no data.
    expect(text).not.toContain('*Top 2 open risks by score*');
    expect(text).toContain('No GTM data for this period or the one before.');
    expect(started.double.violations).toEqual([]);
  });

  it('with KPI data, the KPI section gets the one table and the risks stay text', async () => {
    const started = await start({ start: new Date('2026-11-03T09:00:00Z') });
    await addRitual(started.double, started.app);
    await importExamples(started.databaseUrl);
    await addRisk(started.app, TYPED_TITLE, 4, 5);
    const post = await review(started);

    const rows = tableRows(post.blocks);
    expect(rows[0]).toEqual(['KPI', 'This period', 'Before', 'Change']);
    expect(rows).toContainEqual(['Deals won', '1', '0', '▲ +1']);
    const text = blockText(post.blocks);
    expect(text).toContain('*Top open risk by score* (of 1 open)');
    // In mrkdwn the typed title is escaped, so it mentions no one and links nowhere.
    expect(text).toContain('Pipeline &lt;!channel&gt; &amp; *churn* &lt;https://x.example|link&gt;');
    // The KPI lines the table holds are not repeated; those it does not hold follow it.
    expect(text).not.toContain('*Lead funnel');
    expect(text).toContain('*Top channels by time-decay credit*');
    const kinds = post.blocks.map((b: any) => b.type);
    expect(kinds.filter((k: string) => k === 'table')).toHaveLength(1);
    expect(started.double.violations).toEqual([]);
  });
});

describe('the digest layout: one table a message', () => {
  const section = (key: 'kpis' | 'risks', rows: number): DigestSection => ({
    key,
    title: key === 'kpis' ? 'GTM KPIs' : 'Risks',
    lines: [`${key} as text`],
    emptyText: 'none',
    table: {
      before: [`${key} before`],
      model: {
        columns: [{ header: 'A' }, { header: 'B', align: 'right' }],
        rows: Array.from({ length: rows }, () => ['a', '1']),
      },
      after: [`${key} after`],
    },
  });
  const post = (sections: DigestSection[]) =>
    ritualPostMessage({
      postId: 1,
      kind: 'post',
      ritual: { id: 1, kind: 'gtm_review', name: 'GTM review', localTime: '10:00', timeZone: 'UTC' },
      occurrenceAt: new Date('2026-11-24T10:00:00Z'),
      periodFrom: new Date('2026-11-03T10:00:00Z'),
      lateSince: null,
      missed: [],
      sections,
    } as any);
  const texts = (blocks: any[]) => blocks.filter((b) => b.type === 'section').map((b) => b.text.text);
  const valid = (m: { text: string; blocks: unknown[] }) => {
    const c = new Checker();
    checkMessage(c, m, { requireContent: true });
    return c.issues.map(formatIssue);
  };

  it('gives the table to the first section that has one; the next shows its text', () => {
    const m = post([section('kpis', 3), section('risks', 2)]);
    expect(m.blocks.filter((b) => b.type === 'table')).toHaveLength(1);
    expect(tableRows(m.blocks)).toHaveLength(4);
    expect(texts(m.blocks)).toEqual(['*GTM KPIs*\nkpis before', 'kpis after', '*Risks*\nrisks as text']);
    expect(valid(m)).toEqual([]);
  });

  it('a table too long for Slack stays text and leaves the table to the next section', () => {
    const m = post([section('kpis', 100), section('risks', 2)]);
    expect(tableRows(m.blocks)).toHaveLength(3);
    expect(texts(m.blocks)).toEqual(['*GTM KPIs*\nkpis as text', '*Risks*\nrisks before', 'risks after']);
    expect(valid(m)).toEqual([]);
  });
});
