import type { RecordedCall } from './types.js';

interface Waiter {
  method: string;
  predicate: (c: RecordedCall) => boolean;
  resolve: (c: RecordedCall) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
}

interface Log {
  calls: RecordedCall[];
  violations: string[];
  /** The workspace each entry of `violations` was found in (undefined: not tied to one). */
  violationTeams: (string | undefined)[];
  waiters: Set<Waiter>;
  /** Told after every recorded call and violation (the sandbox page refreshes on it). */
  listeners: Set<() => void>;
}

/**
 * Every Web API / response_url call in order, the violations found so far, and waiters on future calls.
 * `forTeam(teamId)` gives a view on the same log that tags what it records with that workspace.
 */
export class Recorder {
  readonly calls: RecordedCall[];
  readonly violations: string[];
  private readonly waiters: Set<Waiter>;

  constructor(
    private readonly log: Log = {
      calls: [],
      violations: [],
      violationTeams: [],
      waiters: new Set(),
      listeners: new Set(),
    },
    /** The workspace this view tags calls and violations with. */
    readonly teamId?: string,
  ) {
    this.calls = log.calls;
    this.violations = log.violations;
    this.waiters = log.waiters;
  }

  /** The same log, recording for one workspace. */
  forTeam(teamId: string | undefined): Recorder {
    return teamId === this.teamId ? this : new Recorder(this.log, teamId);
  }

  record(call: RecordedCall): void {
    if (call.teamId === undefined && this.teamId !== undefined) call.teamId = this.teamId;
    this.calls.push(call);
    for (const w of [...this.waiters]) {
      if (w.method === call.method && w.predicate(call)) {
        this.waiters.delete(w);
        clearTimeout(w.timer);
        w.resolve(call);
      }
    }
    this.notify();
  }

  /** Calls `listener` after every call and violation recorded from now on; returns the unsubscribe. */
  subscribe(listener: () => void): () => void {
    this.log.listeners.add(listener);
    return () => this.log.listeners.delete(listener);
  }

  private notify(): void {
    for (const listener of [...this.log.listeners]) listener();
  }

  violation(where: string, message: string): void {
    this.violations.push(`${where}: ${message}`);
    this.log.violationTeams.push(this.teamId);
    this.notify();
  }

  /** Violations found in one workspace's calls and interactions. */
  violationsOf(teamId: string): string[] {
    return this.violations.filter((_, i) => this.log.violationTeams[i] === teamId);
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  // 15 s: generous for a loaded 2-core CI machine; a passing call arrives in milliseconds, so only failures wait.
  waitForCall(
    method: string,
    predicate: (c: RecordedCall) => boolean = () => true,
    timeoutMs = 15_000,
  ): Promise<RecordedCall> {
    const existing = this.calls.find((c) => c.method === method && predicate(c));
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        method,
        predicate,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          reject(new Error(`waitForCall('${method}') timed out after ${timeoutMs} ms.\n${this.describeRecent()}`));
        }, timeoutMs),
      };
      this.waiters.add(waiter);
    });
  }

  describeRecent(limit = 20): string {
    if (this.calls.length === 0) return 'No Web API calls were made.';
    const recent = this.calls.slice(-limit).map((c) => {
      const outcome = c.response?.ok === true ? 'ok' : `error=${c.response?.error ?? JSON.stringify(c.response)}`;
      return `  - ${c.method} [${c.status} ${outcome}] ${summarizeArgs(c.args)}`;
    });
    return `Recent calls (${recent.length} of ${this.calls.length}):\n${recent.join('\n')}`;
  }

  /** Rejects pending waiters (used by stop()). */
  close(): void {
    for (const w of this.waiters) {
      clearTimeout(w.timer);
      w.reject(
        new Error(`waitForCall('${w.method}') aborted: the Slack double was stopped.\n${this.describeRecent()}`),
      );
    }
    this.waiters.clear();
  }
}

function summarizeArgs(args: Record<string, any>): string {
  const parts: string[] = [];
  for (const key of ['channel', 'user', 'user_id', 'view_id', 'trigger_id', 'ts', 'text']) {
    const v = args[key];
    if (v !== undefined) parts.push(`${key}=${JSON.stringify(String(v).slice(0, 60))}`);
  }
  if (args.view?.callback_id) parts.push(`callback_id=${JSON.stringify(args.view.callback_id)}`);
  return parts.join(' ');
}
