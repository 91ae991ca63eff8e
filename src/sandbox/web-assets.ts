import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The page's files stay in src/sandbox/web: neither tsc nor the dist bundle copies .html, .css or the page's
 * TypeScript, so they are found from the package root, whether this module runs from src/ (tsx) or from dist/.
 */
export function findPackageRoot(from: string = fileURLToPath(import.meta.url)): string {
  let dir = dirname(from);
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'src', 'sandbox', 'web', 'index.html')))
      return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`The sandbox page (src/sandbox/web) was not found above ${from}.`);
    dir = parent;
  }
}

export const findWebRoot = (from?: string) => join(findPackageRoot(from), 'src', 'sandbox', 'web');

export interface WebAssets {
  html: string;
  css: string;
  js: string;
}

/**
 * Reads the page and bundles its TypeScript into one browser script with esbuild (already a dependency: it
 * builds dist/). esbuild is imported by a name held in a variable so that the dist bundle loads it from
 * node_modules at run time rather than inlining it (its binary is found relative to its own package).
 */
export async function loadWebAssets(root: string = findWebRoot()): Promise<WebAssets> {
  const specifier = 'esbuild';
  const esbuild = (await import(specifier)) as typeof import('esbuild');
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: ['app.ts'],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    sourcemap: 'inline',
    logLevel: 'silent',
  });
  const js = result.outputFiles[0]?.text;
  if (js === undefined) throw new Error('esbuild produced no script for the sandbox page.');
  return {
    html: readFileSync(join(root, 'index.html'), 'utf8'),
    css: readFileSync(join(root, 'styles.css'), 'utf8'),
    js,
  };
}
