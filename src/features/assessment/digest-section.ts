import type { DigestSection, DigestSectionProvider } from '../digest-section.js';
import type { DimensionKey } from './domain/index.js';
import { compareAssessments, isSegmentKey, type StoredAssessment, scoreAssessment } from './domain/index.js';
import type { AssessmentsRepository } from './repository.js';

function scored(a: StoredAssessment) {
  if (!isSegmentKey(a.segment)) return undefined;
  return scoreAssessment({
    scores: a.scores as Record<DimensionKey, number>,
    redFlags: a.redFlags,
    segment: a.segment,
  });
}

/** The latest assessment taken before the review: score, band, and the trend against the one before it. */
export function createAssessmentSection(assessments: AssessmentsRepository): DigestSectionProvider {
  return {
    key: 'assessment',
    async build(period): Promise<DigestSection> {
      const section: DigestSection = {
        key: 'assessment',
        title: 'Feedback-loop assessment',
        lines: [],
        emptyText: 'No assessment has been taken yet. Take one with `/loop assess`.',
      };
      // Only the latest and the one before it matter; the team's whole history is never loaded.
      const all = await assessments.latestBefore(period.teamId, period.to, 2);
      const latest = all.at(-1);
      const current = latest && scored(latest);
      if (!latest || !current) return section;
      const previousStored = all.at(-2);
      const previous = previousStored && scored(previousStored);
      const comparison = compareAssessments(current, previous);
      const trend =
        comparison.kind === 'first'
          ? 'the first assessment'
          : comparison.overall.direction === 'same'
            ? `unchanged since ${previousStored!.createdAt.toISOString().slice(0, 10)}`
            : `${comparison.overall.direction === 'up' ? ':arrow_up: up' : ':arrow_down: down'} ${Math.abs(comparison.overall.delta)} since ${previousStored!.createdAt.toISOString().slice(0, 10)}`;
      const when =
        latest.createdAt >= period.from
          ? 'taken in this period'
          : `taken ${latest.createdAt.toISOString().slice(0, 10)}, before this period`;
      section.lines.push(`*${current.overall.toFixed(1)}* / 5 · *${current.band.name}* · ${trend} (${when})`);
      return section;
    },
  };
}
