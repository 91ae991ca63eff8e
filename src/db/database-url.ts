import { resolve } from 'node:path';

export type DatabaseLocation = { kind: 'sqlite'; path: string } | { kind: 'sqlite-memory' };

export class DatabaseUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseUrlError';
  }
}

/**
 * Accepts `file:./data/x.sqlite`, `sqlite:./x.sqlite`, `sqlite::memory:` or a plain path.
 * Postgres URLs are recognised and refused with a clear message until that dialect ships.
 */
export function parseDatabaseUrl(url: string): DatabaseLocation {
  const trimmed = url.trim();
  if (/^postgres(ql)?:\/\//i.test(trimmed)) {
    throw new DatabaseUrlError(
      'DATABASE_URL points to Postgres, which this build does not support yet: use a SQLite file such as file:./data/loopkeeper.sqlite',
    );
  }
  const scheme = /^([a-z][a-z0-9+.-]*):(?!\\)/i.exec(trimmed)?.[1]?.toLowerCase();
  let path = trimmed;
  if (scheme === 'file' || scheme === 'sqlite') {
    path = trimmed.slice(scheme.length + 1).replace(/^\/\/(?=\/)/, '');
  } else if (scheme !== undefined && scheme.length > 1) {
    throw new DatabaseUrlError(
      `DATABASE_URL has the unsupported scheme "${scheme}:": use a SQLite file such as file:./data/loopkeeper.sqlite`,
    );
  }
  if (path === ':memory:') return { kind: 'sqlite-memory' };
  if (path === '')
    throw new DatabaseUrlError('DATABASE_URL names no file: use a SQLite file such as file:./data/loopkeeper.sqlite');
  return { kind: 'sqlite', path: resolve(path) };
}
