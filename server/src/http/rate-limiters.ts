import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { RateLimitConfig } from './http-config';
import type { Logger } from '../domain/logging/logger';
import { LeasedCounter, type RateVerdict } from './rate-lease';

export type { RateVerdict } from './rate-lease';

/** One budget of `points` per minute per key. */
export class RateBudget {
  private readonly leased: LeasedCounter | undefined;

  /** `leased`: taken from in local leases of the shared counter (see rate-lease.ts), not one round trip per take. */
  constructor(
    private readonly limiter: RateLimiterAbstract,
    readonly pointsPerMinute: number,
    leased = false,
  ) {
    this.leased = leased ? new LeasedCounter(limiter, pointsPerMinute) : undefined;
  }

  async take(key: string, points = 1): Promise<RateVerdict> {
    if (this.leased) return this.leased.take(key, points);
    try {
      await this.limiter.consume(key, points);
      return { allowed: true };
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) {
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
      }
      throw rejection;
    }
  }
}

export interface RateLimiters {
  /** Every /graphql request but a signed-in user's queries: per signed-in user, else per client IP. */
  readonly api: RateBudget;
  /** A signed-in user's queries (the dashboard's reads), per user. */
  readonly sessionReads: RateBudget;
  /** Each executed `login` field, per client IP. */
  readonly loginPerIp: RateBudget;
  /** Each executed `login` field, per client IP and email: the brute-force budget. */
  readonly loginPerEmail: RateBudget;
  /** Each operation started over a WebSocket, per user. */
  readonly wsSubscribe: RateBudget;
  close(): Promise<void>;
}

/** Where the counters live: Redis (shared by every replica, under the deployment's key prefix) or, without a URL, this process. */
export interface RateLimitStore {
  readonly redisUrl: string | undefined;
  readonly redisKeyPrefix: string;
}

/**
 * Counters live in Redis when REDIS_URL is set, so every replica shares them; otherwise (the
 * zero-install mode) in this process. A Redis outage falls back to in-process counters rather
 * than refusing or waving through every request.
 */
export function createRateLimiters(limits: RateLimitConfig, store: RateLimitStore, logger: Logger): RateLimiters {
  const redis = store.redisUrl
    ? new Redis(store.redisUrl, {
        maxRetriesPerRequest: 1,
        connectionName: 'levelsync-rate-limit',
        // Every /graphql request takes from a budget: the counters of requests handled in the same
        // event-loop turn go to Redis in one write instead of one write (and syscall) each.
        enableAutoPipelining: true,
      })
    : undefined;
  let warned = false;
  redis?.on('error', (error: Error) => {
    if (!warned) logger.warn({ err: error }, 'rate-limit Redis unavailable; counting in process until it returns');
    warned = true;
  });
  redis?.on('ready', () => {
    warned = false;
    // Queue commands only while first connecting; in an outage, fail fast to the in-process counters.
    redis.options.enableOfflineQueue = false;
  });

  // The two budgets every /graphql request takes from are leased from Redis (rate-lease.ts states the
  // error bound); the login and WebSocket-operation budgets, taken far less often, count each take there.
  const budget = (name: string, points: number, leased = false): RateBudget => {
    const options = { keyPrefix: `${store.redisKeyPrefix}:rl:${name}`, points, duration: 60 };
    const memory = new RateLimiterMemory(options);
    const limiter = redis ? new RateLimiterRedis({ ...options, storeClient: redis, insuranceLimiter: memory }) : memory;
    return new RateBudget(limiter, points, leased && redis !== undefined);
  };

  return {
    api: budget('api', limits.perMinute, true),
    sessionReads: budget('reads', limits.sessionReadsPerMinute, true),
    loginPerIp: budget('login-ip', limits.loginPerIpPerMinute),
    loginPerEmail: budget('login-email', limits.loginPerEmailPerMinute),
    wsSubscribe: budget('ws-subscribe', limits.wsSubscribesPerMinute),
    async close() {
      if (!redis) return;
      try {
        await redis.quit();
      } catch {
        redis.disconnect();
      }
    },
  };
}
