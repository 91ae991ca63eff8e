// `npm run bench` (the full load, ~1.5 minutes) or `npm run bench -- --quick` (seconds; proves the harness).
// Prints Markdown tables and writes the same run as JSON: bench/results/latest.json (quick: the temp folder).
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './child.js';
import { FULL, QUICK, runBenchmarks } from './harness.js';
import { formatReport } from './report.js';

const quick = process.argv.includes('--quick');
const result = await runBenchmarks(quick ? QUICK : FULL, (message) => process.stderr.write(`bench: ${message}\n`));
// Only the full run is kept in the repository; a quick run goes to the temp folder.
const folder = quick ? tmpdir() : join(ROOT, 'bench', 'results');
mkdirSync(folder, { recursive: true });
const file = join(folder, quick ? 'loopkeeper-bench-quick.json' : 'latest.json');
writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
process.stdout.write(`${formatReport(result)}\n\nJSON: ${file}\n`);
