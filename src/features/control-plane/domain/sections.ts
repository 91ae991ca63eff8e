/** The Control Plane canvas, section by section: pure builders from plain figures to canvas markdown. */

import { formatDay } from '../../../domain/time/local-day.js';
import { formatZonedDateTime } from '../../../domain/time/zoned-format.js';
import { channelMention, code, cutList, link, userMention, userText } from './canvas-text.js';

/** The canvas's sections in order; each is one header and what follows it, rewritten on its own. */
export const SECTION_KEYS = ['header', 'assessment', 'kpis', 'mqa', 'followups', 'risks', 'rituals'] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];

/** Each section's header: unique, so `canvases.sections.lookup` finds exactly one section by its text. */
export const SECTION_HEADINGS: Record<SectionKey, { level: 'h1' | 'h2'; text: string }> = {
  header: { level: 'h1', text: 'GTM Control Plane' },
  assessment: { level: 'h2', text: 'Latest assessment' },
  kpis: { level: 'h2', text: 'GTM KPIs this review period' },
  mqa: { level: 'h2', text: 'MQA working list' },
  followups: { level: 'h2', text: 'Open follow-up actions' },
  risks: { level: 'h2', text: 'Top risks' },
  rituals: { level: 'h2', text: 'Next rituals' },
};

/** How much of each list the canvas shows; the rest is counted, with the command that lists it all. */
export const LIST_LIMITS = {
  mqa: { maxItems: 40, maxChars: 60_000 },
  followups: { maxItems: 30, maxChars: 40_000 },
  risks: { maxItems: 5, maxChars: 10_000 },
  rituals: { maxItems: 5, maxChars: 5_000 },
};

const heading = (key: SectionKey) => {
  const h = SECTION_HEADINGS[key];
  return `${h.level === 'h1' ? '#' : '##'} ${h.text}`;
};

const section = (key: SectionKey, lines: string[]) => [heading(key), ...lines].join('\n');

export interface AssessmentFigures {
  overall: number;
  band: string;
  /** "below the expected 2.8 for Pure PLG". */
  verdict: string;
  /** The overall scores of the last results, oldest first (at most five). */
  trend: number[];
  /** Names of the weakest dimensions. */
  weakest: string[];
  /** The band's next step (seed text). */
  nextStep: string;
  /** "a single assessment" or "a round of 4 respondents". */
  source: string;
  day: string;
}

export function assessmentSection(a: AssessmentFigures | undefined): string {
  if (!a) return section('assessment', [`No assessment yet. Take one with ${code('/loop assess')}.`]);
  return section('assessment', [
    `**${a.overall.toFixed(1)}** · ${a.band} · ${a.verdict}`,
    `- Trend of the last ${a.trend.length === 1 ? 'result' : `${a.trend.length} results`}: ${a.trend.map((t) => t.toFixed(1)).join(' → ')}`,
    `- Weakest: ${a.weakest.join(', ')}`,
    `- Next step: ${a.nextStep}`,
    `_From ${a.source} on ${formatDay(a.day)}._`,
  ]);
}

export interface KpiFigureLine {
  label: string;
  /** "12", "34 %", "EUR 1,200" */
  value: string;
  /** "(+4, +50 %)" or "" */
  change: string;
}

export interface KpiFigures {
  /** "Tue 3 Nov – Mon 23 Nov 2026, against the 21 days before" */
  period: string;
  lines: KpiFigureLine[];
}

export function kpisSection(k: KpiFigures | undefined): string {
  if (!k || k.lines.length === 0) {
    return section('kpis', [
      `No GTM data for this period yet. CRMs push it to ${code('POST /api/leads')} and ${code('POST /api/deals')}.`,
    ]);
  }
  return section('kpis', [
    `_${k.period}_`,
    ...k.lines.map((l) => `- ${l.label}: **${l.value}**${l.change ? ` ${l.change}` : ''}`),
    `All figures: ${code('/loop kpis')}.`,
  ]);
}

export interface MqaEntry {
  accountName: string;
  /** Status as people read it, e.g. "Shared with Sales". */
  statusLabel: string;
  ownerId: string | null;
  ageDays: number;
  overdue: boolean;
}

const age = (days: number) => (days < 1 ? 'added today' : `${days} ${days === 1 ? 'day' : 'days'} old`);

/** Open accounts grouped by status (in the order given), overdue ones marked. */
export function mqaSection(groups: Array<{ statusLabel: string; items: MqaEntry[] }>): string {
  const all = groups.flatMap((g) => g.items);
  if (all.length === 0)
    return section('mqa', [`No open accounts on the MQA working list. Add one with ${code('/loop mqa add')}.`]);
  const overdue = all.filter((i) => i.overdue).length;
  const counts = groups
    .filter((g) => g.items.length > 0)
    .map((g) => `${g.statusLabel} ${g.items.length}`)
    .join(' · ');
  const lines: string[] = [];
  for (const g of groups) {
    for (const i of g.items) {
      const owner = i.ownerId ? ` · ${userMention(i.ownerId)}` : ' · no owner';
      lines.push(
        `- ${i.overdue ? '⚠️ **Overdue** · ' : ''}**${userText(i.accountName, 100)}** · ${g.statusLabel}${owner} · ${age(i.ageDays)}`,
      );
    }
  }
  return section('mqa', [
    `${all.length} open ${all.length === 1 ? 'account' : 'accounts'}${overdue > 0 ? `, ${overdue} overdue` : ''}: ${counts}`,
    ...cutList(lines, LIST_LIMITS.mqa, code('/loop mqa list open')),
  ]);
}

export interface FollowUpEntry {
  what: string;
  ownerId: string;
  dueDate: string;
  overdue: boolean;
}

export function followUpsSection(items: FollowUpEntry[]): string {
  if (items.length === 0)
    return section('followups', ['No open follow-up actions. Add them from a ritual post with *Add follow-up*.']);
  const lines = items.map(
    (f) =>
      `- [ ] ${userText(f.what, 200)} · ${userMention(f.ownerId)} · due ${formatDay(f.dueDate)}${f.overdue ? ' · ⚠️ **overdue**' : ''}`,
  );
  return section(
    'followups',
    cutList(lines, LIST_LIMITS.followups, `each owner lists theirs with ${code('/loop followups')}`),
  );
}

export interface RiskEntry {
  title: string;
  score: number;
  severity: string;
  ownerId: string;
  /** "6 → 12 → 20" */
  trend: string;
  reviewDate: string;
  reviewOverdue: boolean;
}

export function risksSection(risks: RiskEntry[], total: number): string {
  if (total === 0) return section('risks', [`The risk register is empty. Add a risk with ${code('/loop risk add')}.`]);
  const lines = risks.map(
    (r) =>
      `- **${r.score}** ${r.severity} · ${userText(r.title, 120)} · ${userMention(r.ownerId)} · trend ${r.trend} · next review ${formatDay(r.reviewDate)}${r.reviewOverdue ? ' (overdue)' : ''}`,
  );
  return section('risks', [
    `${total} open ${total === 1 ? 'risk' : 'risks'}, highest score first:`,
    ...cutList(lines, LIST_LIMITS.risks, code('/loop risk list'), total),
  ]);
}

export interface RitualEntry {
  title: string;
  at: Date;
  timeZone: string;
  channelId: string | null;
}

export function ritualsSection(items: RitualEntry[], total: number): string {
  if (total === 0)
    return section('rituals', [`No rituals yet. Schedule the GTM review with ${code('/loop rituals')}.`]);
  const lines = items.map(
    (r) =>
      `- **${userText(r.title, 100)}** · ${formatZonedDateTime(r.at, r.timeZone)}${r.channelId ? ` · ${channelMention(r.channelId)}` : ''}`,
  );
  return section('rituals', cutList(lines, LIST_LIMITS.rituals, code('/loop rituals'), total));
}

export interface HeaderFigures {
  updatedAt: Date;
  timeZone: string;
  /** The latest GTM review post's permalink, when one was posted. */
  reviewPost: { url: string; day: string } | undefined;
}

export function headerSection(h: HeaderFigures): string {
  const review = h.reviewPost
    ? `${link('Latest GTM review post', h.reviewPost.url)} of ${formatDay(h.reviewPost.day)}`
    : 'No GTM review posted yet';
  return section('header', [
    `Last updated ${formatZonedDateTime(h.updatedAt, h.timeZone)} · ${review}`,
    'Kept current by Loopkeeper: edits made here are replaced at the next update.',
  ]);
}
