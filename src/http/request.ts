import type { IncomingMessage, ServerResponse } from 'node:http';
import { count } from '../domain/text/plural.js';

/** Shared by the ingest routes: JSON answers and bounded bodies (who may push is src/features/ingest/auth.ts). */

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/**
 * "Nothing was stored. item 2: domain must be …; item 5: …." for a 422: the first few problems in words (the
 * `errors` array has them all), so a person reading a CRM log sees what to fix.
 */
export function nothingStored(problems: string[], shown = 10): string {
  const listed = problems.slice(0, shown).join('; ');
  const rest = problems.length - shown;
  return `Nothing was stored. ${listed}${rest > 0 ? `; …and ${count(rest, 'more problem')}` : ''}.`;
}

/** The body as text, or undefined once it grows past `maxBytes` (the caller answers 413). */
export async function readBody(req: IncomingMessage, maxBytes: number): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The body of an ingest request once the caller is known (src/features/ingest/auth.ts): JSON content, bounded, that
 * parses. Answers 415/413/400 itself and returns undefined; otherwise the parsed body.
 */
export async function readJsonBody(
  req: IncomingMessage,
  res: ServerResponse,
  maxBytes: number,
): Promise<{ json: unknown } | undefined> {
  if (!(req.headers['content-type'] ?? '').includes('application/json')) {
    sendJson(res, 415, { error: 'unsupported_media_type', message: 'Send JSON with Content-Type: application/json.' });
    return undefined;
  }
  const text = await readBody(req, maxBytes);
  if (text === undefined) {
    sendJson(res, 413, { error: 'too_large', message: `The body must be at most ${maxBytes} bytes.` });
    return undefined;
  }
  try {
    return { json: JSON.parse(text) };
  } catch {
    sendJson(res, 400, { error: 'invalid_json', message: 'The body is not valid JSON.' });
    return undefined;
  }
}
