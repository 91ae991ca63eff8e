import { webApi } from '@slack/bolt';

type WebClient = webApi.WebClient;

const noop = () => {};
const views = new WeakMap<WebClient, WebClient>();

/**
 * The same client (token, API URL, retry policy for 5xx and network errors, request queue, events) except that a 429
 * comes back as an error instead of being waited out inside it: the SDK waits out a 429 by pausing its whole request
 * queue, so every call of the app (other channels' posts, a views.open whose trigger expires in 3 s) would wait for
 * one channel's Retry-After. The pacer waits it out in that channel's lane alone.
 */
export async function rejectingRateLimits(client: WebClient): Promise<WebClient> {
  // The workspace-scoped client is a stand-in that finds the workspace's client on each call; EventEmitter's `off`
  // returns `this`, which is that client (for a plain client, itself).
  const real = (await client.off(webApi.WebClientEvent.RATE_LIMITED, noop)) as WebClient;
  let view = views.get(real);
  if (!view) {
    // `rejectRateLimitedCalls` is the SDK's own option, read at each request: shadowing it on a view of the client
    // keeps everything else shared, the `rate_limited` event listeners included.
    view = Object.create(real, { rejectRateLimitedCalls: { value: true } }) as WebClient;
    views.set(real, view);
  }
  return view;
}

/**
 * How many times the client tries a call (its retry policy's retries + 1): a call Slack keeps refusing with 429 gets
 * as many tries in its lane as the client would have given it, tests' short policies included.
 */
export function triesOf(client: WebClient): number {
  const policy = (client as unknown as { retryConfig?: { retries?: number } }).retryConfig;
  return (policy?.retries ?? 10) + 1;
}

/** The Retry-After seconds of the SDK's rate-limited error, or undefined for any other error. */
export function retryAfterOf(error: unknown): number | undefined {
  const e = error as { code?: unknown; retryAfter?: unknown } | undefined;
  return e?.code === webApi.ErrorCode.RateLimitedError && typeof e.retryAfter === 'number' ? e.retryAfter : undefined;
}
