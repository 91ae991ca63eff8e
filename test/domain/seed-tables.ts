/**
 * Reads the assessment seed (a verbatim copy in fixtures/) so tests can check that the rubric,
 * bands and segments in src/ are the seed's text, word for word.
 */
import { readFileSync } from 'node:fs';

const seed = readFileSync(new URL('./fixtures/assessment-seed.txt', import.meta.url), 'utf8');
const lines = seed.split('\n');

const cells = (line: string): string[] =>
  line
    .split('|')
    .slice(1, -1)
    .map((c) => c.trim());

export interface SeedDimension {
  measures: string;
  levels: { score: number; name: string; description: string; evidence: string }[];
  redFlagSentence: string;
}

export function seedDimensions(): SeedDimension[] {
  const out: SeedDimension[] = [];
  let current: SeedDimension | undefined;
  for (const line of lines) {
    if (line.startsWith('What this measures: ')) {
      current = { measures: line.slice('What this measures: '.length), levels: [], redFlagSentence: '' };
      out.push(current);
    } else if (current && /^\| [1-5] \|/.test(line)) {
      const [score, name, description, evidence] = cells(line);
      current.levels.push({ score: Number(score), name: name!, description: description!, evidence: evidence! });
    } else if (current && line.startsWith('Red flags: ')) {
      current.redFlagSentence = line.slice('Red flags: '.length);
    }
  }
  return out;
}

export function seedBands(): { range: string; name: string; interpretation: string; nextStep: string }[] {
  return lines
    .filter((l) => /^\| \d\.\d - \d\.\d \|/.test(l))
    .map((l) => {
      const [range, name, interpretation, nextStep] = cells(l);
      return { range: range!, name: name!, interpretation: interpretation!, nextStep: nextStep! };
    });
}

export function seedSegments(): { name: string; expected: number; good: number; alarm: number }[] {
  const start = lines.findIndex((l) => l.startsWith('| Segment |'));
  return lines
    .slice(start + 2)
    .filter((l) => l.startsWith('|'))
    .map((l) => {
      const [name, expected, good, alarm] = cells(l);
      return { name: name!, expected: Number(expected), good: Number(good), alarm: Number(alarm) };
    });
}
