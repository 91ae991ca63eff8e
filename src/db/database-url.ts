import { resolve } from 'node:path';

export type SqliteLocation = { kind: 'sqlite'; path: string } | { kind: 'sqlite-memory' };
/** `url` is what pg is given; `server` and `database` name it in messages, never with the password. */
export type PostgresLocation = { kind: 'postgres'; url: string; server: string; database: string; user: string };
export type DatabaseLocation = SqliteLocation | PostgresLocation;

export class DatabaseUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseUrlError';
  }
}

/**
 * Accepts `postgres://` or `postgresql://` URLs, and for SQLite `file:./data/x.sqlite`, `sqlite:./x.sqlite`,
 * `sqlite::memory:` or a plain path.
 */
export function parseDatabaseUrl(url: string): DatabaseLocation {
  const trimmed = url.trim();
  if (/^postgres(ql)?:\/\//i.test(trimmed)) return parsePostgresUrl(trimmed);
  const scheme = /^([a-z][a-z0-9+.-]*):(?!\\)/i.exec(trimmed)?.[1]?.toLowerCase();
  let path = trimmed;
  if (scheme === 'file' || scheme === 'sqlite') {
    path = trimmed.slice(scheme.length + 1).replace(/^\/\/(?=\/)/, '');
  } else if (scheme !== undefined && scheme.length > 1) {
    throw new DatabaseUrlError(
      `DATABASE_URL has the unsupported scheme "${scheme}:": use postgres://user:password@host:5432/database or a SQLite file such as file:./data/loopkeeper.sqlite`,
    );
  }
  if (path === ':memory:') return { kind: 'sqlite-memory' };
  if (path === '')
    throw new DatabaseUrlError('DATABASE_URL names no file: use a SQLite file such as file:./data/loopkeeper.sqlite');
  return { kind: 'sqlite', path: resolve(path) };
}

function parsePostgresUrl(url: string): PostgresLocation {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DatabaseUrlError(
      'DATABASE_URL is not a valid PostgreSQL URL: use postgres://user:password@host:5432/database (percent-encode special characters in the password)',
    );
  }
  // A Unix socket folder arrives as ?host=/run/postgresql with no host before the path.
  const socket = parsed.searchParams.get('host');
  const host = parsed.hostname || socket || 'localhost';
  const port = parsed.port || '5432';
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  const user = decodeURIComponent(parsed.username) || 'the default user';
  if (!database) {
    throw new DatabaseUrlError(
      `DATABASE_URL names no database on the PostgreSQL server ${host}:${port}: add it after the host, as in postgres://user:password@${host}:${port}/loopkeeper`,
    );
  }
  const server = host.startsWith('/') ? `the socket in ${host}` : `${host}:${port}`;
  return { kind: 'postgres', url, server, database, user };
}
