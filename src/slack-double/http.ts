import type { IncomingMessage, ServerResponse } from 'node:http';

/** Reads a request body fully. */
export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Parses Web API arguments from the query string plus a form-urlencoded, JSON or multipart body. */
export function parseArgs(req: IncomingMessage, body: Buffer): { args: Record<string, any> } | { error: string } {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const args: Record<string, any> = Object.fromEntries(url.searchParams);
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  if (body.length === 0) return { args };
  if (type.startsWith('application/json')) {
    try {
      const parsed = JSON.parse(body.toString('utf8'));
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { error: 'invalid_json' };
      return { args: { ...args, ...parsed } };
    } catch {
      return { error: 'invalid_json' };
    }
  }
  if (type.startsWith('application/x-www-form-urlencoded') || type === '') {
    return { args: { ...args, ...Object.fromEntries(new URLSearchParams(body.toString('utf8'))) } };
  }
  if (type.startsWith('multipart/form-data')) {
    const parts = parseMultipart(type, body);
    for (const part of parts) args[part.name] = part.filename ? part.data : part.data.toString('utf8');
    return { args };
  }
  return { error: 'invalid_post_type' };
}

export interface MultipartPart {
  name: string;
  filename?: string;
  data: Buffer;
}

/** Minimal multipart/form-data parser (enough for the WebClient's uploads). */
export function parseMultipart(contentType: string, body: Buffer): MultipartPart[] {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const boundary = m?.[1] ?? m?.[2];
  if (!boundary) return [];
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let pos = body.indexOf(delimiter);
  while (pos !== -1) {
    const start = pos + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, start);
    if (next === -1) break;
    const chunk = body.subarray(start + 2, next - 2); // skip CRLF after delimiter and before next
    const headerEnd = chunk.indexOf('\r\n\r\n');
    if (headerEnd !== -1) {
      const headers = chunk.subarray(0, headerEnd).toString('utf8');
      const name = /name="([^"]*)"/i.exec(headers)?.[1] ?? '';
      const filename = /filename="([^"]*)"/i.exec(headers)?.[1];
      const part: MultipartPart = { name, data: chunk.subarray(headerEnd + 4) };
      if (filename !== undefined) part.filename = filename;
      parts.push(part);
    }
    pos = next;
  }
  return parts;
}

export function bearerToken(req: IncomingMessage): string | undefined {
  const h = req.headers.authorization;
  if (typeof h !== 'string') return undefined;
  const m = /^Bearer\s+(.+)$/i.exec(h.trim());
  return m?.[1];
}

/** `Authorization: Basic base64(client_id:client_secret)`, as oauth.v2.access prefers the client credentials. */
export function basicCredentials(req: IncomingMessage): { clientId: string; clientSecret: string } | undefined {
  const h = req.headers.authorization;
  if (typeof h !== 'string') return undefined;
  const m = /^Basic\s+(\S+)$/i.exec(h.trim());
  if (!m?.[1]) return undefined;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon === -1) return undefined;
  return { clientId: decoded.slice(0, colon), clientSecret: decoded.slice(colon + 1) };
}

export function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (typeof body === 'string') {
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
    res.end(body);
    return;
  }
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}
