import type { AssessmentComparison } from '../assessment/domain/index.js';
import {
  bandFor,
  compareAssessments,
  DIMENSION_KEYS,
  DIMENSIONS,
  type DimensionKey,
  functionName,
  isFunctionKey,
  meanOf,
  type SegmentKey,
  scoreAssessment,
} from '../assessment/domain/index.js';
import type { AssessmentsRepository } from '../assessment/repository.js';
import { toCsv } from './domain/csv.js';
import type { RoundsRepository } from './repository.js';
import { summarizeResponses } from './round-result.js';
import { createTeamResults, type TeamResult } from './team-results.js';

/** A response's notes in one cell, a line per dimension ("Activation: …"); toCsv quotes it and defuses formulas. */
const notesCell = (notes: Readonly<Record<string, string>>): string =>
  DIMENSIONS.filter((d) => notes[d.key]?.trim())
    .map((d) => `${d.shortLabel}: ${notes[d.key]!.trim()}`)
    .join('\n');

/** One result in the team's history, compared with the entry before it (any kind). */
export interface HistoryEntry extends TeamResult {
  comparison: AssessmentComparison;
}

export function createHistoryService(deps: { assessments: AssessmentsRepository; rounds: RoundsRepository }) {
  const { assessments, rounds } = deps;
  const results = createTeamResults({ assessments, rounds });

  async function closedRoundsWithResponses(teamId: string) {
    const closed = await rounds.closedRounds(teamId);
    const loaded = await Promise.all(
      closed.map(async (round) => ({ round, responses: await rounds.responses(round.id) })),
    );
    return loaded.reverse(); // oldest first
  }

  return {
    /** Every result, newest first, each compared with the one before it. */
    async history(teamId: string, limit = 10): Promise<HistoryEntry[]> {
      const all = await results.all(teamId);
      const entries: HistoryEntry[] = all.map((entry, i) => ({
        ...entry,
        comparison: compareAssessments(entry, all[i - 1]),
      }));
      return entries.reverse().slice(0, limit);
    },

    /**
     * CSV of all results: one row per single assessment, per round response and per round summary (closed rounds).
     * Individual round answers: admins get everyone's, others only their own; anonymous rounds carry no names at all.
     */
    async exportCsv(
      teamId: string,
      requester: { userId: string; isAdmin: boolean },
    ): Promise<{ csv: string; rows: number }> {
      const header = [
        'kind',
        'assessment_id',
        'round_id',
        'date',
        'user',
        'function',
        'invited',
        'segment',
        ...DIMENSION_KEYS,
        'overall',
        'band',
        'respondents',
        'red_flags',
        'notes',
      ];
      const rows: Array<Array<string | number>> = [];
      for (const a of await assessments.listAll(teamId)) {
        const scored = scoreAssessment({
          scores: a.scores as Record<DimensionKey, number>,
          redFlags: a.redFlags,
          segment: a.segment as SegmentKey,
        });
        rows.push([
          'assessment',
          a.id,
          '',
          a.createdAt.toISOString(),
          a.userId,
          '',
          '',
          a.segment,
          ...DIMENSION_KEYS.map((k) => scored.scores[k]),
          scored.overall.toFixed(1),
          scored.band.name,
          1,
          a.redFlags.join(' '),
          notesCell(a.notes),
        ]);
      }
      for (const { round, responses } of await closedRoundsWithResponses(teamId)) {
        const at = (round.closedAt ?? round.deadlineAt).toISOString();
        for (const r of responses) {
          if (!requester.isAdmin && r.userId !== requester.userId) continue;
          const scores = r.scores as Record<DimensionKey, number>;
          const overall = meanOf(DIMENSION_KEYS.map((k) => scores[k]));
          rows.push([
            'round_response',
            '',
            round.id,
            r.updatedAt.toISOString(),
            round.anonymous ? '' : r.userId,
            isFunctionKey(r.function) ? functionName(r.function) : r.function,
            r.invited ? 'yes' : 'no',
            round.segment ?? '',
            ...DIMENSION_KEYS.map((k) => scores[k]),
            overall.toFixed(1),
            bandFor(overall).name,
            1,
            r.redFlags.join(' '),
            notesCell(r.notes),
          ]);
        }
        const summary = summarizeResponses(round, responses);
        rows.push([
          'round_summary',
          '',
          round.id,
          at,
          '',
          '',
          '',
          round.segment ?? '',
          ...DIMENSION_KEYS.map((k) => (summary ? summary.means[k].toFixed(1) : '')),
          summary ? summary.overall.toFixed(1) : '',
          summary?.band.name ?? '',
          responses.length,
          summary ? summary.flags.map((f) => `${f.flag.key}=${f.count}/${f.of}`).join(' ') : '',
          '',
        ]);
      }
      return { csv: toCsv([header, ...rows]), rows: rows.length };
    },
  };
}

export type HistoryService = ReturnType<typeof createHistoryService>;
