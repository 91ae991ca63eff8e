import { createHmac } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Recorder } from './recorder.js';
import type { EnvelopeType, OutgoingEnvelope } from './socket-mode.js';

/** What Slack's HTTP delivery needs to know about the app: where to POST and the secret it signs with. */
export interface HttpDeliveryOptions {
  /** The app's request URL, e.g. `http://127.0.0.1:PORT/slack/events` (slash command, interactivity and events). */
  requestUrl: string;
  /** The app's Signing Secret; default `double.signingSecret`. */
  signingSecret?: string;
  /**
   * Clock for `X-Slack-Request-Timestamp`. Default `Date.now`, not the double's `now`: the app checks the timestamp
   * against its own wall clock (Bolt: at most 5 minutes old), whatever clock the test gives the double.
   */
  now?: () => number;
  /**
   * Send Slack's `url_verification` challenge first, as Slack does when the Events request URL is saved, and refuse
   * the URL unless the challenge comes back. Default true.
   */
  verify?: boolean;
}

/** Spoils the signing of one delivery, as an attacker (or a replay) would. */
export interface Tamper {
  /** `forged`: signed with another secret; `missing`: no X-Slack-Signature header. */
  signature?: 'forged' | 'missing';
  /** `stale`: signed correctly, but with a timestamp 6 minutes old (Slack's apps refuse anything over 5). */
  timestamp?: 'stale';
}

/** One POST to the request URL, as sent and as answered. */
export interface HttpDelivery {
  kind: EnvelopeType | 'url_verification';
  describe: string;
  url: string;
  /** Lower-case header names, as sent. */
  headers: Record<string, string>;
  /** The raw body, exactly as signed. */
  body: string;
  /** The payload the body encodes (form fields, `payload=` JSON or the Events API JSON). */
  payload: Record<string, any>;
  retryNum?: number;
  retryReason?: string;
  tamper?: Tamper;
  /** Undefined while the app has not answered (or when it did not answer in time / the connection failed). */
  status?: number;
  responseBody?: string;
  responseType?: string;
  error?: string;
}

/** The app answered a delivery with something other than HTTP 200 (e.g. 401 for a bad signature). */
export class HttpDeliveryError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly body: string,
    readonly delivery: HttpDelivery,
  ) {
    super(message);
    this.name = 'HttpDeliveryError';
  }
}

/** Slack's Events API retry reasons (X-Slack-Retry-Reason). */
export type RetryReason = 'http_timeout' | 'too_many_redirects' | 'connection_failed' | 'ssl_error' | 'http_error';

const STALE_SECONDS = 6 * 60;
const FORGED_SECRET = 'not-the-signing-secret-of-this-app';

/** `v0=` + HMAC-SHA256(secret, `v0:<ts>:<rawBody>`) in hex: Slack's request signature. */
export function slackSignature(secret: string, timestamp: number | string, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/**
 * Slack's HTTP delivery: each envelope becomes a signed POST to the app's request URL, and the HTTP response is the
 * ack. Slash commands are form-encoded fields, interactivity a form-encoded `payload=<json>`, events the Events API
 * JSON (`event_callback`).
 */
export class HttpDeliverer {
  private readonly tampers: Tamper[] = [];
  readonly requestUrl: string;
  private readonly secret: string;
  private readonly now: () => number;

  constructor(
    options: HttpDeliveryOptions & { signingSecret: string },
    private readonly ackTimeoutMs: number,
    private readonly recorder: Recorder,
    /** Shared by every deliverer of one double, so the history survives a new request URL. */
    readonly deliveries: HttpDelivery[] = [],
  ) {
    this.requestUrl = options.requestUrl;
    this.secret = options.signingSecret;
    this.now = options.now ?? Date.now;
  }

  /** The next delivery is sent with a bad signature or a stale timestamp. */
  tamperNext(tamper: Tamper): void {
    this.tampers.push(tamper);
  }

  /** Sends an envelope and resolves with the ack payload (undefined for an empty 200), like SocketModeServer.send. */
  async send(envelope: OutgoingEnvelope): Promise<any> {
    const { contentType, body } = encode(envelope.type, envelope.payload);
    const delivery = this.post({
      kind: envelope.type,
      describe: envelope.describe,
      contentType,
      body,
      payload: envelope.payload,
      tamper: this.tampers.shift(),
    });
    return ackPayload(envelope.type, await delivery);
  }

  /**
   * Slack's retry of an Events API delivery: the same body (same `event_id`), a fresh timestamp and signature,
   * `X-Slack-Retry-Num` and `X-Slack-Retry-Reason`. Resolves once the app answers 200.
   */
  async retry(original: HttpDelivery, retry: { num?: number; reason?: RetryReason } = {}): Promise<HttpDelivery> {
    if (original.kind !== 'events_api') {
      throw new Error(`Slack retries only Events API deliveries, not ${original.describe}.`);
    }
    return this.post({
      kind: original.kind,
      describe: `${original.describe} (retry ${retry.num ?? 1})`,
      contentType: original.headers['content-type'] ?? 'application/json',
      body: original.body,
      payload: original.payload,
      retryNum: retry.num ?? 1,
      retryReason: retry.reason ?? 'http_timeout',
      tamper: this.tampers.shift(),
    });
  }

  /** Slack's `url_verification`: resolves with whether the app echoed the challenge. */
  async verifyUrl(token: string, challenge: string): Promise<{ ok: boolean; status?: number; body?: string }> {
    const payload = { token, challenge, type: 'url_verification' };
    try {
      const delivery = await this.post({
        kind: 'url_verification',
        describe: 'url_verification',
        contentType: 'application/json',
        body: JSON.stringify(payload),
        payload,
        tamper: this.tampers.shift(),
      });
      return { ok: echoedChallenge(delivery, challenge), status: delivery.status, body: delivery.responseBody };
    } catch (error) {
      if (error instanceof HttpDeliveryError) return { ok: false, status: error.status, body: error.body };
      throw error;
    }
  }

  private async post(d: {
    kind: HttpDelivery['kind'];
    describe: string;
    contentType: string;
    body: string;
    payload: Record<string, any>;
    retryNum?: number;
    retryReason?: string;
    tamper: Tamper | undefined;
  }): Promise<HttpDelivery> {
    const realTs = Math.floor(this.now() / 1000);
    const ts = d.tamper?.timestamp === 'stale' ? realTs - STALE_SECONDS : realTs;
    const headers: Record<string, string> = {
      'content-type': d.contentType,
      'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
      'x-slack-request-timestamp': String(ts),
    };
    if (d.tamper?.signature !== 'missing') {
      headers['x-slack-signature'] = slackSignature(
        d.tamper?.signature === 'forged' ? FORGED_SECRET : this.secret,
        ts,
        d.body,
      );
    }
    if (d.retryNum !== undefined) {
      headers['x-slack-retry-num'] = String(d.retryNum);
      headers['x-slack-retry-reason'] = d.retryReason ?? 'http_timeout';
    }
    const delivery: HttpDelivery = {
      kind: d.kind,
      describe: d.describe,
      url: this.requestUrl,
      headers,
      body: d.body,
      payload: d.payload,
    };
    if (d.retryNum !== undefined) {
      delivery.retryNum = d.retryNum;
      delivery.retryReason = headers['x-slack-retry-reason'];
    }
    if (d.tamper) delivery.tamper = d.tamper;
    // Recorded before the request goes out, so a test can retry a delivery while the app still works on it.
    this.deliveries.push(delivery);

    try {
      const answer = await postOnce(this.requestUrl, headers, d.body, this.ackTimeoutMs);
      delivery.status = answer.status;
      delivery.responseType = answer.contentType;
      delivery.responseBody = answer.body;
    } catch (error) {
      const e = error as Error;
      const timedOut = e instanceof AckTimeout;
      delivery.error = timedOut ? 'http_timeout' : `connection_failed: ${e.message}`;
      throw new Error(
        timedOut
          ? `The app did not answer ${d.describe} at ${this.requestUrl} within ${this.ackTimeoutMs} ms — ` +
              "Slack's 3 s budget; the user would see an error. Call ack() before doing slow work."
          : `Could not deliver ${d.describe} to ${this.requestUrl}: ${e.message}. Is the app listening there?`,
      );
    }
    if (delivery.status !== 200) {
      throw new HttpDeliveryError(
        `The app answered ${d.describe} with HTTP ${delivery.status} instead of 200` +
          (delivery.responseBody ? `: ${delivery.responseBody.slice(0, 300)}` : ''),
        delivery.status,
        delivery.responseBody ?? '',
        delivery,
      );
    }
    if (d.kind !== 'events_api' && delivery.responseBody && isJson(delivery.responseType)) {
      try {
        JSON.parse(delivery.responseBody);
      } catch {
        this.recorder.violation(`ack(${d.describe})`, `response says JSON but is not: ${delivery.responseBody}`);
      }
    }
    return delivery;
  }
}

class AckTimeout extends Error {}

/**
 * One POST on a connection of its own, closed afterwards (no keep-alive pool that would hold the app's server open
 * when it stops); rejects with AckTimeout when no response arrives within `timeoutMs`.
 */
function postOnce(
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<{ status: number; contentType: string; body: string }> {
  const target = new URL(url);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      target,
      { method: 'POST', agent: false, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          clearTimeout(timer);
          resolve({
            status: res.statusCode ?? 0,
            contentType: String(res.headers['content-type'] ?? ''),
            body: Buffer.concat(chunks).toString('utf8'),
          });
        });
        res.on('error', (e) => {
          clearTimeout(timer);
          reject(e);
        });
      },
    );
    const timer = setTimeout(() => {
      req.destroy(new AckTimeout(`no response within ${timeoutMs} ms`));
    }, timeoutMs);
    req.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    req.end(body);
  });
}

function encode(type: EnvelopeType, payload: Record<string, any>): { contentType: string; body: string } {
  switch (type) {
    case 'slash_commands':
      return {
        contentType: 'application/x-www-form-urlencoded',
        body: new URLSearchParams(Object.entries(payload).map(([k, v]): [string, string] => [k, String(v)])).toString(),
      };
    case 'interactive':
      return {
        contentType: 'application/x-www-form-urlencoded',
        body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
      };
    case 'events_api':
      return { contentType: 'application/json', body: JSON.stringify(payload) };
  }
}

const isJson = (type: string | undefined) => (type ?? '').toLowerCase().includes('json');

/**
 * The ack as Slack reads it from the response: an empty 200 is an empty ack; a JSON body is the payload; a plain-text
 * body of a slash command is shown as an ephemeral message with that text. Slack ignores Events API bodies.
 */
function ackPayload(type: EnvelopeType, delivery: HttpDelivery): any {
  const text = delivery.responseBody ?? '';
  if (type === 'events_api' || text.trim() === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return type === 'slash_commands' ? { text } : text;
  }
  if (parsed && typeof parsed === 'object' && Object.keys(parsed).length === 0) return undefined;
  return parsed;
}

/** Slack accepts the challenge as plain text, as JSON `{ challenge }` or form-encoded `challenge=`. */
function echoedChallenge(delivery: HttpDelivery, challenge: string): boolean {
  const body = delivery.responseBody ?? '';
  if (body === challenge) return true;
  try {
    if (JSON.parse(body)?.challenge === challenge) return true;
  } catch {
    // not JSON
  }
  return new URLSearchParams(body).get('challenge') === challenge;
}
