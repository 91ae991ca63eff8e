import { randomBytes, randomUUID } from 'node:crypto';

/** `n` random decimal digits (Slack's client ids, codes and token parts are numeric). */
export function digits(n: number): string {
  return Array.from(randomBytes(n), (b) => String(b % 10)).join('');
}

/** Deterministic, Slack-looking ids and message timestamps. */
export class Ids {
  private counters = new Map<string, number>();
  private lastMicros = 0;

  constructor(private readonly now: () => number) {}

  /** e.g. next('V') -> 'V0DBL00001'. Upper-case alphanumerics like real Slack ids. */
  next(prefix: string): string {
    const n = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, n);
    return `${prefix}0DBL${n.toString(36).toUpperCase().padStart(5, '0')}`;
  }

  /** Unique, strictly increasing message ts like '1700000000.000100'. */
  ts(): string {
    const micros = Math.max(Math.floor(this.now()) * 1000, this.lastMicros + 1);
    this.lastMicros = micros;
    const secs = Math.floor(micros / 1_000_000);
    return `${secs}.${String(micros % 1_000_000).padStart(6, '0')}`;
  }

  /** Trigger ids look like '1700000000123.1234567890.5f1e0c...'. */
  trigger(): string {
    const n = (this.counters.get('trigger') ?? 0) + 1;
    this.counters.set('trigger', n);
    return `${Math.floor(this.now())}.${1_000_000_000 + n}.${randomBytes(16).toString('hex')}`;
  }

  hash(): string {
    return `${Math.floor(this.now() / 1000)}.${randomBytes(4).toString('hex')}`;
  }

  token(prefix: string): string {
    return `${prefix}-${randomBytes(12).toString('hex')}`;
  }

  uuid(): string {
    return randomUUID();
  }

  /** Slack fills in missing block_id / action_id with short random strings. */
  shortId(): string {
    return randomBytes(4).toString('base64url').slice(0, 5);
  }
}
