import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TOPICS } from '../../src/domain/events/topics';
import type { CheckRunSnapshot } from '../../src/domain/integrity/integrity.types';
import { createLogger } from '../../src/domain/logging/logger';
import type { EventBus } from '../../src/events/event-bus';
import { createLivePubSub } from '../../src/graphql/subscriptions/live-pub-sub';
import { createRedisEventBus } from '../../src/events/redis-event-bus';

const run = (id: number): CheckRunSnapshot => ({
  id,
  trigger: 'SCHEDULED',
  state: 'SUCCEEDED',
  progress: 1,
  queuedAt: new Date('2026-11-23T09:00:00.000Z'),
  startedAt: new Date('2026-11-23T09:00:01.000Z'),
  finishedAt: new Date('2026-11-23T09:00:02.000Z'),
  durationMs: 1000,
  pairsChecked: 10,
  inconsistent: 0,
  consistencyRate: 1,
  healthState: 'HEALTHY',
  repairsApplied: null,
  error: null,
  missedByLiveDetection: null,
});

describe('the Redis event bus', () => {
  const prefix = `t${inject('runId')}${randomBytes(3).toString('hex')}`;
  const logger = createLogger('silent', 'test');
  let api: EventBus;
  let worker: EventBus;
  let admin: Redis;

  beforeAll(async () => {
    api = createRedisEventBus({ url: inject('redisUrl'), prefix, logger });
    worker = createRedisEventBus({ url: inject('redisUrl'), prefix, logger });
    admin = new Redis(inject('redisUrl'));
    await api.ready();
  });

  afterAll(async () => {
    await api?.close();
    await worker?.close();
    admin?.disconnect();
  });

  it('relays what another process publishes, dates included, and re-sends the current state after a reconnect', async () => {
    let reads = 0;
    const pubSub = createLivePubSub(api, { CHECK_RUN_UPDATED: async () => run(100 + ++reads), HEALTH_STATUS_CHANGED: async () => null, REPAIRS_MADE: async () => null });
    const iterator = pubSub.subscribe(TOPICS.CHECK_RUN_UPDATED)[Symbol.asyncIterator]();
    expect(((await iterator.next()).value as CheckRunSnapshot).id).toBe(101);

    await worker.publish(TOPICS.CHECK_RUN_UPDATED, run(7));
    const relayed = (await iterator.next()).value as CheckRunSnapshot;
    expect(relayed.id).toBe(7);
    expect(relayed.finishedAt).toEqual(new Date('2026-11-23T09:00:02.000Z'));

    // Drop this process's subscriber connection, as a Redis restart or a network blip would.
    const clients = (await admin.client('LIST')) as string;
    const line = clients.split('\n').find((l) => l.includes(` name=${prefix}:events `));
    await admin.client('KILL', 'ID', /\bid=(\d+)/.exec(line!)![1]!);
    expect(((await iterator.next()).value as CheckRunSnapshot).id).toBe(102);

    await worker.publish(TOPICS.CHECK_RUN_UPDATED, run(8));
    expect(((await iterator.next()).value as CheckRunSnapshot).id).toBe(8);
    await iterator.return?.();
  });

  it('keeps channels of different prefixes apart', async () => {
    const otherApi = createRedisEventBus({ url: inject('redisUrl'), prefix: `${prefix}x`, logger });
    const otherWorker = createRedisEventBus({ url: inject('redisUrl'), prefix: `${prefix}x`, logger });
    await otherApi.ready();
    const heard: number[] = [];
    const off = otherApi.on(TOPICS.CHECK_RUN_UPDATED, (r) => heard.push(r.id));
    await worker.publish(TOPICS.CHECK_RUN_UPDATED, run(9));
    // Redis handles publishes one at a time: had 9 reached the other prefix, it would precede 10.
    const ten = new Promise<void>((resolve) => otherApi.on(TOPICS.CHECK_RUN_UPDATED, (r) => r.id === 10 && resolve()));
    await otherWorker.publish(TOPICS.CHECK_RUN_UPDATED, run(10));
    await ten;
    off();
    await Promise.all([otherApi.close(), otherWorker.close()]);
    expect(heard).toEqual([10]);
  });
});
