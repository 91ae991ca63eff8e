import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { count } from '../domain/text/plural.js';

/** Shared by the ingest routes: JSON answers, bearer-token checks and bounded bodies. */

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

/** Constant-time comparison of `Authorization: Bearer <token>` with the configured token. */
export function bearerTokenMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(/^Bearer\s+(.+)$/i.exec(header ?? '')?.[1]?.trim() ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
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
 * The common start of every ingest route: ingest switched on, the bearer token, JSON content, a bounded body
 * that parses. Answers 503/401/415/413/400 itself and returns undefined; otherwise the parsed body.
 */
export async function readAuthorizedJson(
  req: IncomingMessage,
  res: ServerResponse,
  options: { token: string | undefined; maxBytes: number; disabledMessage: string },
): Promise<{ json: unknown } | undefined> {
  if (!options.token) {
    sendJson(res, 503, { error: 'ingest_disabled', message: options.disabledMessage });
    return undefined;
  }
  if (!bearerTokenMatches(req.headers.authorization, options.token)) {
    sendJson(res, 401, {
      error: 'unauthorized',
      message: 'Send the INGEST_TOKEN as "Authorization: Bearer <token>". Nothing was stored.',
    });
    return undefined;
  }
  if (!(req.headers['content-type'] ?? '').includes('application/json')) {
    sendJson(res, 415, { error: 'unsupported_media_type', message: 'Send JSON with Content-Type: application/json.' });
    return undefined;
  }
  const text = await readBody(req, options.maxBytes);
  if (text === undefined) {
    sendJson(res, 413, { error: 'too_large', message: `The body must be at most ${options.maxBytes} bytes.` });
    return undefined;
  }
  try {
    return { json: JSON.parse(text) };
  } catch {
    sendJson(res, 400, { error: 'invalid_json', message: 'The body is not valid JSON.' });
    return undefined;
  }
}
