import type { ConnectionStatus } from './connection-status';

const fallbackWaitMs = 5_000;
const maxWaitMs = 60_000;
/** Spread over this much, the requests that waited together do not all arrive in the same instant. */
const jitterMs = 750;

interface RateLimitedBody {
  errors?: Array<{ extensions?: { code?: unknown; retryAfterSeconds?: unknown } }>;
}

/** How long a 429 asks to wait: its Retry-After header, else the RATE_LIMITED error's retryAfterSeconds. */
export async function retryAfterMs(response: Response): Promise<number> {
  const header = Number(response.headers.get('retry-after'));
  if (Number.isFinite(header) && header > 0) return Math.min(header * 1000, maxWaitMs);
  try {
    const body = (await response.json()) as RateLimitedBody;
    const hint = body.errors?.find((error) => error.extensions?.code === 'RATE_LIMITED')?.extensions?.retryAfterSeconds;
    if (typeof hint === 'number' && hint > 0) return Math.min(hint * 1000, maxWaitMs);
  } catch {
    // Not a GraphQL body (a proxy's 429): wait the default.
  }
  return fallbackWaitMs;
}

function sleep(ms: number, signal: AbortSignal | null | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason as Error);
      },
      { once: true },
    );
  });
}

/**
 * A fetch that waits out 429s and sends the request again once the API's budget allows, while
 * `status` tells the page it is doing so. A 429 is answered before anything runs, so sending a
 * mutation again applies it once. Aborting the request (urql tears down a query) ends the wait.
 */
export function retryingRateLimits(fetchImpl: typeof fetch, status: ConnectionStatus, random: () => number = Math.random): typeof fetch {
  return async (input, init) => {
    for (;;) {
      const response = await fetchImpl(input, init);
      if (response.status !== 429) return response;
      const waitMs = (await retryAfterMs(response)) + random() * jitterMs;
      const lifted = status.rateLimited(Date.now() + waitMs);
      try {
        await sleep(waitMs, init?.signal);
      } finally {
        lifted();
      }
    }
  };
}
