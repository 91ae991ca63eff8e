import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** One answer of the app's web pages, as a browser gets it (redirects not followed). */
export interface PageResponse {
  url: string;
  status: number;
  /** Lower-case header names; `set-cookie` joined by newlines. */
  headers: Record<string, string>;
  body: string;
  /** Every Set-Cookie header, `name=value` only. */
  cookies: string[];
}

/**
 * A GET as the installer's browser sends it, on a connection of its own (no keep-alive pool holding the app's server
 * open after the test).
 */
export function browserGet(url: string, cookies: string[] = []): Promise<PageResponse> {
  const target = new URL(url);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const headers: Record<string, string> = { accept: 'text/html', 'user-agent': 'slack-double-browser' };
  if (cookies.length > 0) headers.cookie = cookies.join('; ');
  return new Promise((resolve, reject) => {
    const req = send(target, { method: 'GET', agent: false, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const out: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) {
          if (v !== undefined) out[k] = Array.isArray(v) ? v.join('\n') : String(v);
        }
        const setCookie = res.headers['set-cookie'] ?? [];
        resolve({
          url,
          status: res.statusCode ?? 0,
          headers: out,
          body: Buffer.concat(chunks).toString('utf8'),
          cookies: setCookie.map((c) => c.split(';')[0] ?? '').filter(Boolean),
        });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/** The authorize URL an install page links to ("Add to Slack"), or redirects to (direct install). */
export function authorizeUrlOf(page: PageResponse): string | undefined {
  if (page.status >= 300 && page.status < 400 && page.headers.location) return page.headers.location;
  const m = /href\s*=\s*["']([^"']*\/oauth\/v2\/authorize[^"']*)["']/i.exec(page.body);
  return m?.[1]?.replace(/&amp;/g, '&');
}
