import { AssessmentInputError, type DimensionKey, isFunctionKey, roundSummary } from '../../assessment/domain/index.js';

/** Validates one round answer with the domain's rules (function, five scores 1-5, known flags); throws AssessmentInputError. */
export function checkRoundAnswer(input: {
  function: string;
  scores: Record<string, number>;
  redFlags: string[];
}): void {
  if (!isFunctionKey(input.function))
    throw new AssessmentInputError([{ path: 'function', message: `unknown function ${input.function}` }]);
  roundSummary([{ scores: input.scores as Record<DimensionKey, number>, redFlags: input.redFlags }]);
}
