import { describe, expect, it } from 'vitest';
import { TOPICS } from '../../src/domain/events/topics';
import type { CheckRunSnapshot, HealthStatusSnapshot } from '../../src/domain/integrity/integrity.types';
import type { RepairBatchSnapshot } from '../../src/domain/integrity/repair.types';
import { isOlderRunState } from '../../src/graphql/subscriptions/check-run-order';
import { eventSerializer } from '../../src/events/event-serializer';
import { createInProcessEventBus } from '../../src/events/in-process-event-bus';
import { createLivePubSub, SUBSCRIBER_BACKLOG } from '../../src/graphql/subscriptions/live-pub-sub';
import { checkRunSnapshot as run } from '../support/event-snapshots';

const noHealth = async (): Promise<HealthStatusSnapshot | null> => null;

async function take<T>(iterator: AsyncIterator<T>, count: number): Promise<T[]> {
  const values: T[] = [];
  for (let i = 0; i < count; i += 1) values.push((await iterator.next()).value as T);
  return values;
}

describe('live subscriptions', () => {
  it('send the current state first, then live events', async () => {
    const bus = createInProcessEventBus();
    const pubSub = createLivePubSub(bus, { CHECK_RUN_UPDATED: async () => run(1, 'RUNNING', 0.5), HEALTH_STATUS_CHANGED: noHealth, REPAIRS_MADE: async () => null });
    const iterator = pubSub.subscribe(TOPICS.CHECK_RUN_UPDATED)[Symbol.asyncIterator]();
    const first = iterator.next();
    expect((await first).value).toMatchObject({ id: 1, progress: 0.5 });
    const next = iterator.next();
    await bus.publish(TOPICS.CHECK_RUN_UPDATED, run(1, 'SUCCEEDED', 1));
    expect((await next).value).toMatchObject({ id: 1, state: 'SUCCEEDED' });
    await iterator.return?.();
  });

  it('keep the events that arrive while the current state is read, minus those it already covers', async () => {
    const bus = createInProcessEventBus();
    let release!: (value: CheckRunSnapshot) => void;
    const current = new Promise<CheckRunSnapshot>((resolve) => (release = resolve));
    const pubSub = createLivePubSub(
      bus,
      { CHECK_RUN_UPDATED: () => current, HEALTH_STATUS_CHANGED: noHealth, REPAIRS_MADE: async () => null },
      { CHECK_RUN_UPDATED: isOlderRunState },
    );
    const iterator = pubSub.subscribe(TOPICS.CHECK_RUN_UPDATED)[Symbol.asyncIterator]();
    const pending = take(iterator, 3);
    await new Promise((r) => setImmediate(r)); // the subscription listens before it reads
    await bus.publish(TOPICS.CHECK_RUN_UPDATED, run(1, 'RUNNING', 0.25)); // older than the state read
    await bus.publish(TOPICS.CHECK_RUN_UPDATED, run(1, 'RUNNING', 0.75)); // newer
    await bus.publish(TOPICS.CHECK_RUN_UPDATED, run(2, 'QUEUED', 0)); // another run
    release(run(1, 'RUNNING', 0.5));
    const values = (await pending).map((r) => `${(r as CheckRunSnapshot).id}:${(r as CheckRunSnapshot).progress}`);
    expect(values).toEqual(['1:0.5', '1:0.75', '2:0']);
    await iterator.return?.();
  });

  it('end a delta subscription with EVENTS_MISSED after a gap, and send a state subscription its state again', async () => {
    const inner = createInProcessEventBus();
    const gapListeners = new Set<() => void>();
    const bus = {
      ...inner,
      onResubscribed(listener: () => void) {
        gapListeners.add(listener);
        return () => gapListeners.delete(listener);
      },
    };
    let reads = 0;
    const pubSub = createLivePubSub(bus, { CHECK_RUN_UPDATED: async () => run(++reads, 'RUNNING', 0.5), HEALTH_STATUS_CHANGED: noHealth, REPAIRS_MADE: async () => null });
    const repairs = pubSub.subscribe(TOPICS.REPAIRS_MADE)[Symbol.asyncIterator]();
    const runs = pubSub.subscribe(TOPICS.CHECK_RUN_UPDATED)[Symbol.asyncIterator]();
    const pendingRepair = repairs.next();
    expect((await runs.next()).value).toMatchObject({ id: 1 });
    await new Promise((r) => setImmediate(r));
    expect(gapListeners.size).toBe(2);

    for (const listener of [...gapListeners]) listener(); // the Redis subscriber reconnected
    await expect(pendingRepair).rejects.toMatchObject({ code: 'CONFLICT', details: { reason: 'EVENTS_MISSED' } });
    expect(await repairs.next()).toEqual({ done: true, value: undefined });
    expect(gapListeners.size).toBe(1); // the ended subscription stopped listening
    expect((await runs.next()).value).toMatchObject({ id: 2 });
    await runs.return?.();
  });

  it('keep only the newest states for a subscriber that falls behind on a state topic', async () => {
    const bus = createInProcessEventBus();
    const pubSub = createLivePubSub(bus, { CHECK_RUN_UPDATED: async () => null, HEALTH_STATUS_CHANGED: noHealth, REPAIRS_MADE: async () => null });
    const iterator = pubSub.subscribe(TOPICS.CHECK_RUN_UPDATED)[Symbol.asyncIterator]();
    const first = iterator.next();
    await new Promise((r) => setImmediate(r));
    const burst = SUBSCRIBER_BACKLOG + 10;
    for (let i = 1; i <= burst; i += 1) await bus.publish(TOPICS.CHECK_RUN_UPDATED, run(i, 'RUNNING', 0));
    expect((await first).value).toMatchObject({ id: 1 }); // taken by the waiting next()
    const held = await take(iterator, SUBSCRIBER_BACKLOG);
    expect(held.map((r) => (r as CheckRunSnapshot).id)).toEqual(Array.from({ length: SUBSCRIBER_BACKLOG }, (_, i) => burst - SUBSCRIBER_BACKLOG + 1 + i));
    await bus.publish(TOPICS.CHECK_RUN_UPDATED, run(9_999, 'RUNNING', 0));
    expect((await iterator.next()).value).toMatchObject({ id: 9_999 }); // still open
    await iterator.return?.();
  });

  it('end a delta subscription with EVENTS_MISSED once it falls more than the backlog behind', async () => {
    const bus = createInProcessEventBus();
    const pubSub = createLivePubSub(bus, { CHECK_RUN_UPDATED: async () => null, HEALTH_STATUS_CHANGED: noHealth, REPAIRS_MADE: async () => null });
    const iterator = pubSub.subscribe(TOPICS.REPAIRS_MADE)[Symbol.asyncIterator]();
    const first = iterator.next();
    await new Promise((r) => setImmediate(r));
    const batch = (n: number): RepairBatchSnapshot => ({ trigger: 'AUTO_SYNC', actorId: null, jobId: `j${n}`, repairs: [], resolvedViolationIds: [n], madeAt: new Date(0) });
    await bus.publish(TOPICS.REPAIRS_MADE, batch(0));
    expect((await first).value).toMatchObject({ jobId: 'j0' });
    // A full backlog is still a subscriber that keeps up...
    for (let i = 1; i <= SUBSCRIBER_BACKLOG; i += 1) await bus.publish(TOPICS.REPAIRS_MADE, batch(i));
    expect((await iterator.next()).value).toMatchObject({ jobId: 'j1' });
    // ...one more fills it again, and the next would have to be dropped: that ends the subscription.
    await bus.publish(TOPICS.REPAIRS_MADE, batch(SUBSCRIBER_BACKLOG + 1));
    await bus.publish(TOPICS.REPAIRS_MADE, batch(SUBSCRIBER_BACKLOG + 2));
    await expect(iterator.next()).rejects.toMatchObject({
      code: 'CONFLICT',
      message: `This subscriber fell more than ${SUBSCRIBER_BACKLOG} events behind; query the current state again and resubscribe`,
      details: { reason: 'EVENTS_MISSED' },
    });
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
  });

  it('stop listening when the subscriber leaves', async () => {
    const bus = createInProcessEventBus();
    const pubSub = createLivePubSub(bus, { CHECK_RUN_UPDATED: async () => null, HEALTH_STATUS_CHANGED: noHealth, REPAIRS_MADE: async () => null });
    const iterator = pubSub.subscribe(TOPICS.CHECK_RUN_UPDATED)[Symbol.asyncIterator]();
    const next = iterator.next();
    await new Promise((r) => setImmediate(r));
    await iterator.return?.();
    expect((await next).done).toBe(true);
    let listeners = 0;
    const off = bus.on(TOPICS.CHECK_RUN_UPDATED, () => (listeners += 1));
    await bus.publish(TOPICS.CHECK_RUN_UPDATED, run(3, 'QUEUED', 0));
    off();
    expect(listeners).toBe(1);
  });
});

describe('the in-process event bus', () => {
  it('keeps delivering when a listener throws, and never fails the publisher', async () => {
    const bus = createInProcessEventBus();
    const heard: number[] = [];
    bus.on(TOPICS.CHECK_RUN_UPDATED, () => {
      throw new Error('listener bug');
    });
    bus.on(TOPICS.CHECK_RUN_UPDATED, (r) => heard.push(r.id));
    await expect(Promise.resolve(bus.publish(TOPICS.CHECK_RUN_UPDATED, run(4, 'QUEUED', 0)))).resolves.toBeUndefined();
    expect(heard).toEqual([4]);
  });
});

describe('events across processes', () => {
  it('come back with real dates', () => {
    const parsed = eventSerializer.parse(eventSerializer.stringify({ lastRun: run(1, 'SUCCEEDED', 1), nextScheduledAt: new Date(0), note: '2026-11-23T09:00:00.000Z' })) as {
      lastRun: CheckRunSnapshot;
      nextScheduledAt: Date;
      note: string;
    };
    expect(parsed.lastRun.finishedAt).toEqual(new Date('2026-11-23T09:00:02.500Z'));
    expect(parsed.lastRun.startedAt).toBeInstanceOf(Date);
    expect(parsed.nextScheduledAt).toEqual(new Date(0));
    expect(parsed.note).toBe('2026-11-23T09:00:00.000Z');
  });
});
