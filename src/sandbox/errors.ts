import type { RecordedCall, SlackDouble } from '../slack-double/index.js';
import type { SandboxError } from './web/api-types.js';

/** How many errors the page keeps; older ones scroll away. */
const KEEP = 200;

/** One line for a call Slack refused: the method, Slack's error code, and Block Kit's own messages when it gave any. */
export function describeRejectedCall(call: RecordedCall): string | undefined {
  const response = call.response;
  const failed =
    call.status >= 400 || (response !== null && typeof response === 'object' && (response as any).ok === false);
  if (!failed) return undefined;
  const error =
    response && typeof response === 'object'
      ? String((response as any).error ?? `HTTP ${call.status}`)
      : String(response);
  const details: string[] = (response as any)?.response_metadata?.messages ?? [];
  const where = call.args?.channel ? ` (channel ${call.args.channel})` : '';
  return `Slack rejected ${call.method}${where}: ${error}${details.length > 0 ? ` — ${details.join('; ')}` : ''}`;
}

/**
 * Everything the page should show as an error: calls Slack refused, the double's violations (a Block Kit problem,
 * a bad ack), and what the person tried that Slack would not do (submitting an empty required field, say).
 */
export class ErrorFeed {
  private readonly entries: SandboxError[] = [];
  private seq = 0;
  private callsSeen = 0;
  private violationsSeen = 0;

  constructor(
    private readonly double: SlackDouble,
    private readonly now: () => Date,
  ) {}

  /** Picks up what the double recorded since the last look. */
  collect(): void {
    const { calls, violations } = this.double;
    for (; this.callsSeen < calls.length; this.callsSeen += 1) {
      const line = describeRejectedCall(calls[this.callsSeen] as RecordedCall);
      if (line) this.add(line);
    }
    for (; this.violationsSeen < violations.length; this.violationsSeen += 1) {
      this.add(`Slack would reject this: ${violations[this.violationsSeen]}`);
    }
  }

  add(message: string): void {
    this.entries.push({ seq: ++this.seq, at: this.now().toISOString(), message });
    if (this.entries.length > KEEP) this.entries.splice(0, this.entries.length - KEEP);
  }

  list(): SandboxError[] {
    return [...this.entries];
  }
}
