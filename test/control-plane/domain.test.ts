import { describe, expect, it } from 'vitest';
import {
  channelMention,
  cutList,
  escapeCanvasText,
  link,
  userMention,
} from '../../src/features/control-plane/domain/canvas-text.js';
import { hashOf, offReasonFor, parseHashes, sectionsToRewrite } from '../../src/features/control-plane/domain/plan.js';
import {
  assessmentSection,
  followUpsSection,
  headerSection,
  mqaSection,
  risksSection,
  SECTION_KEYS,
  type SectionKey,
} from '../../src/features/control-plane/domain/sections.js';
import { splitSections } from '../../src/slack-double/web-api/canvases.js';

const HOSTILE = '# Heading\n[click](https://evil.example) ![](@U0BOB) | a | b | *bold* `code` <b>';

describe('canvas markdown for user text', () => {
  it('keeps headings, links, mentions, tables and emphasis inert, on one line', () => {
    const text = escapeCanvasText(HOSTILE);
    expect(text).toBe(
      '\\# Heading \\[click\\]\\(https://evil.example\\) \\!\\[\\]\\(@U0BOB\\) \\| a \\| b \\| \\*bold\\* \\`code\\` \\<b\\>',
    );
    expect(text).not.toContain('\n');
    // Nothing in it starts a section of the canvas.
    expect(splitSections(`## Title\n- ${text}`)).toHaveLength(1);
  });

  it('escapes what would start a list or a quote at the start of a line', () => {
    expect(escapeCanvasText('- not a list')).toBe('\\- not a list');
    expect(escapeCanvasText('1. not a list')).toBe('\\1. not a list');
    expect(escapeCanvasText('> not a quote')).toBe('\\> not a quote');
  });

  it('mentions only real Slack ids, and links only https URLs', () => {
    expect(userMention('U0ALICE')).toBe('![](@U0ALICE)');
    expect(userMention('](x) [a')).toBe('\\]\\(x\\) \\[a');
    expect(channelMention('C0GENERAL')).toBe('![](#C0GENERAL)');
    expect(link('Post', 'https://slack.example/archives/C1/p1')).toBe('[Post](https://slack.example/archives/C1/p1)');
    expect(link('Post', 'javascript:alert(1)')).toBe('Post');
  });

  it('cuts a list by items and by size, counting what is left with the command that lists it all', () => {
    const lines = Array.from({ length: 10 }, (_, i) => `- item ${i + 1}`);
    expect(cutList(lines, { maxItems: 3, maxChars: 10_000 }, '`/loop x`')).toEqual([
      '- item 1',
      '- item 2',
      '- item 3',
      '...and 7 more: `/loop x`',
    ]);
    expect(cutList(lines, { maxItems: 10, maxChars: 20 }, '`/loop x`')).toEqual([
      '- item 1',
      '- item 2',
      '...and 8 more: `/loop x`',
    ]);
    expect(cutList(lines.slice(0, 2), { maxItems: 5, maxChars: 1000 }, '`/loop x`', 12)).toEqual([
      '- item 1',
      '- item 2',
      '...and 10 more: `/loop x`',
    ]);
    expect(cutList(lines.slice(0, 2), { maxItems: 5, maxChars: 1000 }, '`/loop x`')).toHaveLength(2);
  });
});

describe('the sections', () => {
  it('each is exactly one canvas section under its own header', () => {
    const sections = [
      headerSection({ updatedAt: new Date('2026-12-02T14:05:00Z'), timeZone: 'Europe/Berlin', reviewPost: undefined }),
      assessmentSection(undefined),
      mqaSection([]),
      followUpsSection([]),
      risksSection([], 0),
    ];
    for (const markdown of sections) expect(splitSections(markdown)).toHaveLength(1);
    expect(sections[0]).toContain('Last updated Wed 2 Dec 2026, 15:05 Europe/Berlin · No GTM review posted yet');
  });

  it('shows the assessment with its trend, weakest dimension and next step', () => {
    const text = assessmentSection({
      overall: 2.4,
      band: 'Developing',
      verdict: 'Below expected for Pure PLG',
      trend: [1.8, 2.0, 2.4],
      weakest: ['Product-Qualified Leads'],
      nextStep: 'Build the PQL model.',
      source: 'a single assessment',
      day: '2026-12-01',
    });
    expect(text).toBe(
      [
        '## Latest assessment',
        '**2.4** · Developing · Below expected for Pure PLG',
        '- Trend of the last 3 results: 1.8 → 2.0 → 2.4',
        '- Weakest: Product-Qualified Leads',
        '- Next step: Build the PQL model.',
        '_From a single assessment on Tue 1 Dec 2026._',
      ].join('\n'),
    );
  });

  it('groups MQAs by status, marks overdue ones, says "1 day old" and "2 days old"', () => {
    const text = mqaSection([
      {
        statusLabel: 'Shared with Sales',
        items: [
          { accountName: 'Acme', statusLabel: 'Shared with Sales', ownerId: 'U0DAVE', ageDays: 2, overdue: true },
        ],
      },
      {
        statusLabel: 'Acknowledged',
        items: [{ accountName: 'Beta', statusLabel: 'Acknowledged', ownerId: null, ageDays: 1, overdue: false }],
      },
    ]);
    expect(text.split('\n')).toEqual([
      '## MQA working list',
      '2 open accounts, 1 overdue: Shared with Sales 1 · Acknowledged 1',
      '- ⚠️ **Overdue** · **Acme** · Shared with Sales · ![](@U0DAVE) · 2 days old',
      '- **Beta** · Acknowledged · no owner · 1 day old',
    ]);
  });

  it('says "1 open risk" and "…and N more" with /loop risk list past the top five', () => {
    const risk = (n: number) => ({
      title: `Risk ${n}`,
      score: 25 - n,
      severity: 'High',
      ownerId: 'U0ALICE',
      trend: '6 → 12',
      reviewDate: '2026-12-01',
      reviewOverdue: n === 1,
    });
    expect(risksSection([risk(1)], 1)).toContain('1 open risk, highest score first:');
    const many = risksSection([1, 2, 3, 4, 5].map(risk), 9);
    expect(many).toContain('9 open risks');
    expect(many).toContain('next review Tue 1 Dec 2026 (overdue)');
    expect(many.split('\n').at(-1)).toBe('...and 4 more: `/loop risk list`');
  });
});

describe('what a run rewrites', () => {
  const all = (value: string) => Object.fromEntries(SECTION_KEYS.map((k) => [k, value])) as Record<SectionKey, string>;

  it('nothing when nothing changed; the changed sections and then the header otherwise', () => {
    const before = all('a');
    expect(sectionsToRewrite(before, all('a'))).toEqual([]);
    expect(sectionsToRewrite(before, { ...all('a'), mqa: 'b', risks: 'c' })).toEqual(['mqa', 'risks', 'header']);
    expect(sectionsToRewrite(before, { ...all('a'), header: 'b' })).toEqual(['header']);
    expect(sectionsToRewrite({}, all('a'))).toEqual([...SECTION_KEYS.filter((k) => k !== 'header'), 'header']);
  });

  it('reads stored hashes leniently and knows which Slack answers turn the feature off', () => {
    expect(parseHashes('{"mqa":"x","nope":"y","kpis":3}')).toEqual({ mqa: 'x' });
    expect(parseHashes('not json')).toEqual({});
    expect(hashOf('a')).toBe(hashOf('a'));
    expect(hashOf('a')).not.toBe(hashOf('b'));
    expect(offReasonFor('canvas_not_found')).toBe('canvas_deleted');
    expect(offReasonFor('missing_scope')).toBe('missing_scope');
    expect(offReasonFor('ratelimited')).toBeUndefined();
    expect(offReasonFor('internal_error')).toBeUndefined();
  });
});
