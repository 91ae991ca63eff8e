// `npm run build` (and `npm start`, through prestart): bundles Loopkeeper into dist/ as plain JavaScript.
// One bundle, dependencies included: Node resolves and compiles one file instead of ~800 modules, which halves
// the time from spawn to connected (bench/startup.ts). Type checking is `npm run typecheck`'s job; esbuild only strips types.
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/**
 * Files Node runs directly: the app, and the worker threads' entry. The worker lands beside main.js, where the pool
 * (bundled into main.js) looks for it: src/workers/pool.ts, `workerFile()`.
 */
export const ENTRY_POINTS: Array<string | { in: string; out: string }> = [
  'src/main.ts',
  { in: 'src/workers/worker.ts', out: 'src/worker' },
];

/** Bundles `entryPoints` (paths from the project root) into `outdir`, keeping their paths: src/main.ts -> src/main.js. */
export async function buildDist(outdir = join(ROOT, 'dist'), entryPoints = ENTRY_POINTS): Promise<void> {
  rmSync(outdir, { recursive: true, force: true });
  await build({
    absWorkingDir: ROOT,
    entryPoints,
    outdir,
    outbase: ROOT,
    bundle: true,
    // No shared chunks: each entry is one file, so `import.meta.url` inside it is that file (the pool relies on it).
    // Code behind `await import()` (the sandbox) is in main.js but runs only when imported.
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Native addons find their .node binary relative to their own package, and piscina starts its own worker
    // script from its package folder: they stay in node_modules.
    external: ['better-sqlite3', 'pg-native', 'piscina'],
    // CommonJS dependencies bundled into ESM still call require() for Node's built-ins.
    banner: {
      js: "import { createRequire as __loopkeeperCreateRequire } from 'node:module'; const require = __loopkeeperCreateRequire(import.meta.url);",
    },
    // Minified, V8 parses half the bytes at start-up; names are kept for logs, and the linked source map gives
    // readable stack traces with `node --enable-source-maps dist/src/main.js`.
    minify: true,
    keepNames: true,
    sourcemap: 'linked',
    logLevel: 'warning',
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildDist().catch((error: unknown) => {
    process.stderr.write(`Build failed: ${(error as Error).message}\n`);
    process.exit(1);
  });
}
