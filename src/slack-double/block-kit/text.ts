import { type Checker, charLength, isObject } from './checker.js';

export interface TextRules {
  /** Maximum characters of `text`. */
  max: number;
  /** Only `plain_text` is allowed (titles, labels, button text, select option text...). */
  plainOnly?: boolean;
  required?: boolean;
}

/** Checks a composition text object `{ type: 'plain_text' | 'mrkdwn', text }`. */
export function checkTextObject(c: Checker, value: unknown, path: string, rules: TextRules): void {
  if (value === undefined || value === null) {
    if (rules.required !== false) c.add(path, 'missing required field');
    return;
  }
  if (!isObject(value)) {
    c.add(path, 'must provide an object');
    return;
  }
  const { type, text } = value;
  if (type !== 'plain_text' && type !== 'mrkdwn') {
    c.add(`${path}/type`, 'must be a valid enum value (plain_text or mrkdwn)');
  } else if (rules.plainOnly && type !== 'plain_text') {
    c.add(`${path}/type`, 'must be plain_text');
  }
  if (typeof text !== 'string') {
    c.add(`${path}/text`, 'must provide a string');
    return;
  }
  if (text.length === 0) c.add(`${path}/text`, 'must be more than 0 characters');
  if (charLength(text) > rules.max) c.add(`${path}/text`, `must be less than ${rules.max + 1} characters`);
  if (value.emoji !== undefined && typeof value.emoji !== 'boolean') c.add(`${path}/emoji`, 'must be a boolean');
  if (value.verbatim !== undefined && typeof value.verbatim !== 'boolean')
    c.add(`${path}/verbatim`, 'must be a boolean');
}
