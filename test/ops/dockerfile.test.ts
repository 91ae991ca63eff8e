import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { builtinModules } from 'node:module';
import type { AddressInfo } from 'node:net';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './child-process.js';

/**
 * There is no Docker daemon in the test environment, so the image is not built here: these tests read the Dockerfile
 * (and what it copies) and check the properties the deployment relies on.
 */

interface Instruction {
  keyword: string;
  args: string;
}

/** Instructions with line continuations joined and comments dropped, split into stages at each FROM. */
function parseDockerfile(text: string): { args: Map<string, string>; stages: Instruction[][] } {
  const logical: string[] = [];
  let current = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (current === '' && (line === '' || line.startsWith('#'))) continue;
    if (line.endsWith('\\')) current += `${line.slice(0, -1)} `;
    else {
      logical.push(current + line);
      current = '';
    }
  }
  const args = new Map<string, string>();
  const stages: Instruction[][] = [];
  for (const line of logical) {
    const [keyword = '', ...rest] = line.split(/\s+/);
    const instruction = { keyword: keyword.toUpperCase(), args: rest.join(' ') };
    if (instruction.keyword === 'ARG' && stages.length === 0) {
      const [name = '', value = ''] = instruction.args.split('=');
      args.set(name, value);
    } else if (instruction.keyword === 'FROM') stages.push([instruction]);
    else stages.at(-1)?.push(instruction);
  }
  return { args, stages };
}

const dockerfile = parseDockerfile(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
};
const final = dockerfile.stages.at(-1)!;
const all = (stage: Instruction[], keyword: string) => stage.filter((i) => i.keyword === keyword);
const last = (stage: Instruction[], keyword: string) => all(stage, keyword).at(-1);
const baseImage = (stage: Instruction[]) =>
  stage[0]!.args.split(/\s+/)[0]!.replace(/^\$\{(\w+)\}$/, (_m, name: string) => dockerfile.args.get(name) ?? '');
const stageName = (stage: Instruction[]) => /\bAS\s+(\S+)/i.exec(stage[0]!.args)?.[1];
const execForm = (args: string): string[] => JSON.parse(args.replace(/^CMD\s+/, ''));

describe('Dockerfile', () => {
  it('is multi-stage on node 20 bookworm-slim and runs as a non-root user', () => {
    expect(dockerfile.stages.length).toBeGreaterThanOrEqual(2);
    // Every stage starts from the node image, or from an earlier stage that does.
    const named = new Set<string>();
    for (const stage of dockerfile.stages) {
      expect([...named, 'node:20-bookworm-slim']).toContain(baseImage(stage));
      const name = stageName(stage);
      if (name) named.add(name);
    }
    const user = last(final, 'USER')?.args;
    expect(user).toBeDefined();
    expect(['root', '0', '0:0']).not.toContain(user);
    // That user can write the data folder (the image's /app is root's).
    expect(all(final, 'RUN').some((r) => new RegExp(`chown .*\\b${user}\\b.* /app/data`).test(r.args))).toBe(true);
  });

  it('installs production dependencies only, with the lockfile, and the final image takes them from that stage', () => {
    const installs = dockerfile.stages
      .flatMap((s) => all(s, 'RUN'))
      .filter((r) => /\bnpm (ci|install|i)\b/.test(r.args));
    expect(installs.length).toBeGreaterThan(0);
    for (const run of installs) {
      expect(run.args).toMatch(/\bnpm ci\b/);
      expect(run.args).toMatch(/--omit=dev\b/);
    }
    const copies = all(final, 'COPY').filter((c) => c.args.includes('node_modules'));
    expect(copies).toHaveLength(1);
    const from = /--from=(\S+)/.exec(copies[0]!.args)?.[1];
    const source = dockerfile.stages.find((s) => stageName(s) === from);
    expect(source && all(source, 'RUN').some((r) => /npm ci --omit=dev/.test(r.args))).toBe(true);
    // The CLIs load tsx and the build runs esbuild, so both must survive --omit=dev.
    expect(pkg.dependencies.tsx).toBeDefined();
    expect(pkg.dependencies.esbuild).toBeDefined();
  });

  it('runs what `npm start` runs, from the sources and migrations it copies', () => {
    expect(execForm(last(final, 'CMD')!.args)).toEqual(pkg.scripts.start!.split(/\s+/));
    // The bundle comes from a stage that builds it the way `npm start`'s prestart does.
    const dist = all(final, 'COPY').find((c) => /^--from=\S+ \/app\/dist /.test(c.args));
    const builder = dockerfile.stages.find((s) => stageName(s) === /--from=(\S+)/.exec(dist?.args ?? '')?.[1]);
    expect(builder && all(builder, 'RUN').some((r) => r.args === 'npm run build')).toBe(true);
    expect(pkg.scripts.prestart).toBe('npm run --silent build');
    const copied = all(final, 'COPY')
      .filter((c) => !c.args.startsWith('--from'))
      .flatMap((c) => c.args.split(/\s+/).slice(0, -1));
    expect(copied).toEqual(expect.arrayContaining(['package.json', 'src', 'migrations']));
    // Whatever src/ and migrations/ import by relative path lives in a copied folder, and every package they import
    // is a dependency (devDependencies are not in the image).
    const packages = new Set<string>();
    for (const file of [...tsFiles(join(ROOT, 'src')), ...tsFiles(join(ROOT, 'migrations'))]) {
      const source = readFileSync(file, 'utf8');
      for (const [, specifier] of source.matchAll(/^import (?!type )[^;]*?from '([^']+)'/gms)) {
        if (specifier!.startsWith('.')) {
          const top = relative(ROOT, resolve(file, '..', specifier!)).split('/')[0];
          expect(['src', 'migrations'], `${relative(ROOT, file)} imports ${specifier}`).toContain(top);
        } else if (!specifier!.startsWith('node:') && !builtinModules.includes(specifier!)) {
          const parts = specifier!.split('/');
          packages.add(specifier!.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!);
        }
      }
    }
    expect([...packages].filter((p) => !(p in pkg.dependencies))).toEqual([]);
  });

  it('exposes 3000, keeps the SQLite database in the /app/data volume', () => {
    expect(all(final, 'EXPOSE').map((e) => e.args)).toEqual(['3000']);
    expect(all(final, 'VOLUME').map((v) => v.args)).toEqual(['["/app/data"]']);
    const env = all(final, 'ENV')
      .map((e) => e.args)
      .join(' ');
    expect(env).toMatch(/\bDATABASE_URL=file:\/app\/data\/loopkeeper\.sqlite\b/);
    expect(last(final, 'WORKDIR')?.args).toBe('/app');
  });

  it('checks health with node on /healthz: 0 for 200, 1 for 503 or no answer', async () => {
    const healthcheck = last(final, 'HEALTHCHECK')!.args;
    expect(healthcheck).not.toMatch(/\b(curl|wget)\b/);
    const command = execForm(healthcheck.slice(healthcheck.indexOf('CMD')));
    expect(command.slice(0, 2)).toEqual(['node', '-e']);
    expect(command[2]).toContain('http://127.0.0.1:');
    expect(command[2]).toContain('/healthz');

    // Run the very command against a stand-in for Loopkeeper's /healthz.
    let status = 200;
    const server = createServer((req, res) => {
      res.writeHead(req.url === '/healthz' ? status : 404).end();
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const port = (server.address() as AddressInfo).port;
    const probe = (env: Record<string, string>) =>
      new Promise<number | null>((done) => {
        const child = spawn(process.execPath, command.slice(1), { env: { PATH: process.env.PATH ?? '', ...env } });
        child.once('exit', (code) => done(code));
      });
    try {
      expect(await probe({ PORT: String(port) })).toBe(0);
      status = 503;
      expect(await probe({ PORT: String(port) })).toBe(1);
    } finally {
      await new Promise((done) => server.close(done));
    }
    expect(await probe({ PORT: String(port) })).toBe(1); // nothing listening
  });
});

describe('.dockerignore', () => {
  /** Docker's rule: the last pattern matching a path (or one of its parent folders) decides. Top-level globs only. */
  const patterns = readFileSync(join(ROOT, '.dockerignore'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  const sent = (path: string) => {
    let included = true;
    const prefixes = path.split('/').map((_, i, parts) => parts.slice(0, i + 1).join('/'));
    for (const pattern of patterns) {
      const negated = pattern.startsWith('!');
      const glob = new RegExp(
        `^${(negated ? pattern.slice(1) : pattern).replace(/\./g, '\\.').replace(/\*/g, '[^/]*')}$`,
      );
      if (prefixes.some((p) => glob.test(p))) included = negated;
    }
    return included;
  };

  it('sends the sources, not secrets, databases or the host node_modules', () => {
    for (const path of ['package.json', 'package-lock.json', 'src/main.ts', 'migrations/index.ts']) {
      expect(sent(path), path).toBe(true);
    }
    for (const path of [
      '.env',
      'data/loopkeeper.sqlite',
      'node_modules/tsx/package.json',
      '.git/config',
      'test/x.ts',
    ]) {
      expect(sent(path), path).toBe(false);
    }
  });
});

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}
