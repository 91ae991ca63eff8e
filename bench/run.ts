// `npm run bench` (the full load, a few minutes) or `npm run bench -- --quick` (seconds; proves the harness).
// `-- --only data-scale` (or interaction, delivery, startup, mixed-load; comma-separated) runs just those parts; `-- --sqlite-only`
// skips the data-scale run on PostgreSQL (BENCH_DATABASE_URL=postgres://… uses that server instead of starting one).
// Prints Markdown tables and writes the same run as JSON: bench/results/latest.json for a full run of every part;
// a quick or partial run goes to the temp folder, so latest.json always holds one whole run.
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './child.js';
import { BENCH_PARTS, type BenchPart, FULL, QUICK, runBenchmarkParts } from './harness.js';
import { formatReport } from './report.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const onlyAt = args.indexOf('--only');
const onlyArg = onlyAt >= 0 ? args[onlyAt + 1] : args.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const parts = onlyArg === undefined ? [...BENCH_PARTS] : onlyArg.split(',').filter(Boolean);
const unknown = parts.filter((p) => !(BENCH_PARTS as readonly string[]).includes(p));
if ((onlyAt >= 0 || onlyArg !== undefined) && (parts.length === 0 || unknown.length > 0)) {
  process.stderr.write(`bench: --only takes one or more of ${BENCH_PARTS.join(', ')} (comma-separated)\n`);
  process.exit(2);
}
const options = { ...(quick ? QUICK : FULL), ...(args.includes('--sqlite-only') ? { dataScalePostgres: false } : {}) };
const result = await runBenchmarkParts(options, parts as BenchPart[], (message) =>
  process.stderr.write(`bench: ${message}\n`),
);
// Only a full run of every part is kept in the repository.
const kept = !quick && !result.only && options.dataScalePostgres;
const folder = kept ? join(ROOT, 'bench', 'results') : tmpdir();
mkdirSync(folder, { recursive: true });
const name = quick ? 'quick' : (result.only?.join('+') ?? 'full');
const file = join(folder, kept ? 'latest.json' : `loopkeeper-bench-${name}.json`);
writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
process.stdout.write(`${formatReport(result)}\n\nJSON: ${file}\n`);
