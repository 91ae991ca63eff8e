import { join } from 'node:path';
import { tempDatabase } from '../apps.js';
import { ROOT, childEnv, spawnTsx } from '../child.js';
import { type GenerateResult, generateDatabase } from './generate.js';
import type { MeasureOutput } from './measure-main.js';

export interface DataScaleResult extends MeasureOutput {
  scale: number;
  generated: GenerateResult;
}

/** Generates the database, then measures the views in a child process, so the peak RSS is theirs alone. */
export async function measureDataScale(options: { scale: number }): Promise<DataScaleResult> {
  const database = tempDatabase('loopkeeper-bench-data-');
  try {
    const generated = await generateDatabase(database.path, options.scale);
    const child = spawnTsx(join(ROOT, 'bench', 'data-scale', 'measure-main.ts'), childEnv({}), [database.path]);
    const code = await child.closed();
    const line = child.stdout().trim().split('\n').at(-1) ?? '';
    if (code !== 0 || !line.startsWith('{')) throw new Error(`data-scale measures failed (exit ${code}):\n${child.stderr()}${child.stdout()}`);
    return { scale: options.scale, generated, ...(JSON.parse(line) as MeasureOutput) };
  } finally {
    database.remove();
  }
}
