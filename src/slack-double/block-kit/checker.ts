/** Collects Block Kit issues, each tied to a JSON pointer like Slack's `[json-pointer:/blocks/0/text]`. */
export interface Issue {
  path: string;
  message: string;
}

export class Checker {
  readonly issues: Issue[] = [];

  add(path: string, message: string): void {
    this.issues.push({ path, message });
  }

  get ok(): boolean {
    return this.issues.length === 0;
  }
}

/** Length the way Slack counts it (code points, so an emoji is one character). */
export function charLength(s: string): number {
  let n = 0;
  for (const _ of s) n += 1;
  return n;
}

export function isObject(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Checks an optional string field's type and maximum length. */
export function checkString(c: Checker, value: unknown, path: string, max: number, required = false): void {
  if (value === undefined || value === null) {
    if (required) c.add(path, 'missing required field');
    return;
  }
  if (typeof value !== 'string') {
    c.add(path, 'must provide a string');
    return;
  }
  if (required && value.length === 0) c.add(path, 'must be more than 0 characters');
  if (charLength(value) > max) c.add(path, `must be less than ${max + 1} characters`);
}

/** Checks an optional array field's type and maximum item count; returns the array (or undefined). */
export function checkArray(c: Checker, value: unknown, path: string, max: number, min = 0): any[] | undefined {
  if (value === undefined || value === null) {
    if (min > 0) c.add(path, 'missing required field');
    return undefined;
  }
  if (!Array.isArray(value)) {
    c.add(path, 'must provide an array');
    return undefined;
  }
  if (value.length > max) c.add(path, `no more than ${max} items allowed`);
  if (value.length < min) c.add(path, `must provide at least ${min} item${min === 1 ? '' : 's'}`);
  return value;
}

export function formatIssue(i: Issue): string {
  return `[ERROR] ${i.message} [json-pointer:${i.path}]`;
}
