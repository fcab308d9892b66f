import { Redis } from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { LeasedCounter } from '../../src/http/rate-lease';

let redis: Redis;
let prefixes = 0;
beforeAll(() => {
  redis = new Redis(inject('redisUrl'));
});
afterAll(() => redis.quit());

/** One shared Redis counter per test, and the number of round trips made to it. */
function sharedCounter(limit: number) {
  const limiter = new RateLimiterRedis({ storeClient: redis, keyPrefix: `lease-${inject('runId')}-${process.pid}-${++prefixes}`, points: limit, duration: 60 });
  const calls = { count: 0 };
  const consume = limiter.consume.bind(limiter);
  limiter.consume = (key, points) => {
    calls.count += 1;
    return consume(key, points);
  };
  return { limiter, calls };
}

async function takeAll(counter: LeasedCounter, key: string, times: number): Promise<number> {
  let allowed = 0;
  for (let i = 0; i < times; i += 1) if ((await counter.take(key)).allowed) allowed += 1;
  return allowed;
}

describe('a budget taken from in leases of a shared Redis counter', () => {
  it('admits exactly the limit on one replica, with a round trip for a small share of the requests', async () => {
    const { limiter, calls } = sharedCounter(1_000);
    const replica = new LeasedCounter(limiter, 1_000);
    expect(await takeAll(replica, 'user:1', 1_200)).toBe(1_000);
    expect(calls.count).toBeLessThan(100);
  });

  it('refuses past the limit with a Retry-After within the window, and asks Redis no more while refused', async () => {
    const { limiter, calls } = sharedCounter(50);
    const replica = new LeasedCounter(limiter, 50);
    await takeAll(replica, 'user:1', 50);
    const refused = await replica.take('user:1');
    expect(refused).toMatchObject({ allowed: false });
    expect((refused as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect((refused as { retryAfterSeconds: number }).retryAfterSeconds).toBeLessThanOrEqual(60);
    const before = calls.count;
    await takeAll(replica, 'user:1', 20);
    expect(calls.count).toBe(before);
  });

  it('never admits more than the limit across replicas, and at most a tenth of it less per other replica', async () => {
    const limit = 300;
    const { limiter } = sharedCounter(limit);
    const replicas = [new LeasedCounter(limiter, limit), new LeasedCounter(limiter, limit), new LeasedCounter(limiter, limit)];
    let allowed = 0;
    // Requests of one user spread over three replicas, well past the limit.
    for (let i = 0; i < 3 * limit; i += 1) if ((await replicas[i % 3]!.take('user:7')).allowed) allowed += 1;
    expect(allowed).toBeLessThanOrEqual(limit);
    expect(allowed).toBeGreaterThanOrEqual(limit - 2 * Math.ceil(limit / 10));
  });

  it('reserves about what a replica uses: replicas that come and go strand little of a large budget', async () => {
    const limit = 1_000_000;
    const { limiter } = sharedCounter(limit);
    // Twenty short-lived replicas (say, restarts) each answer five requests of one address.
    for (let i = 0; i < 20; i += 1) expect(await takeAll(new LeasedCounter(limiter, limit), 'ip:127.0.0.1', 5)).toBe(5);
    const probe = await limiter.get('ip:127.0.0.1');
    expect(probe!.consumedPoints).toBeLessThanOrEqual(20 * 8);
  });

  it('lets concurrent requests of one key wait for one reservation instead of each making its own, and gives each key a budget of its own', async () => {
    const { limiter, calls } = sharedCounter(100);
    const replica = new LeasedCounter(limiter, 100);
    const verdicts = await Promise.all(Array.from({ length: 10 }, () => replica.take('user:1')));
    expect(verdicts.every((v) => v.allowed)).toBe(true);
    expect(calls.count).toBeLessThanOrEqual(4);
    expect(await takeAll(replica, 'user:2', 101)).toBe(100);
  });

  it('takes a weighted take whole or refuses it', async () => {
    const { limiter } = sharedCounter(10);
    const replica = new LeasedCounter(limiter, 10);
    expect((await replica.take('ip:1', 8)).allowed).toBe(true);
    expect((await replica.take('ip:1', 3)).allowed).toBe(false);
    expect((await replica.take('ip:1', 2)).allowed).toBe(true);
    expect((await replica.take('ip:1', 1)).allowed).toBe(false);
  });
});
