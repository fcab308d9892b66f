import type { PubSub } from 'type-graphql';
import type { Topic, TopicPayloads } from '../domain/events/topics';
import type { EventBus } from './event-bus';

/** What a new subscriber is sent first: the state as stored now (null when there is nothing yet). */
export type CurrentState = { [T in Topic]: () => Promise<TopicPayloads[T] | null> };

/** Whether an event that arrived while the current state was being read is older than that state. */
export type StaleCheck = { [T in Topic]?: (event: TopicPayloads[T], current: TopicPayloads[T]) => boolean };

/**
 * Events a slow subscriber may fall behind by. Beyond that the oldest are dropped: each event is a
 * whole state, so the newest ones are what a dashboard needs (and a stuck socket cannot grow memory).
 */
const SUBSCRIBER_BACKLOG = 256;

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

/**
 * One subscriber's events, waiting until its consumer asks for them; beyond `limit` the oldest are
 * dropped. What a Repeater with a SlidingBuffer does, without its per-event promise machinery: with
 * a thousand subscribers an event is pushed a thousand times, so this is the per-subscriber hot path.
 * Like a Repeater it starts (listens) on the first `next()`, so one that is never read holds nothing.
 */
class SubscriberQueue<T> implements AsyncIterableIterator<T> {
  private readonly buffer: T[] = [];
  private readonly waiting: Array<(result: IteratorResult<T>) => void> = [];
  private stop: (() => void) | null = null;
  private closed = false;

  /** `start` begins pushing into the queue and returns what stops it. */
  constructor(
    private readonly limit: number,
    private readonly start: (queue: SubscriberQueue<T>) => () => void,
  ) {}

  push(value: T): void {
    if (this.closed) return;
    const waiter = this.waiting.shift();
    if (waiter) {
      waiter({ done: false, value });
      return;
    }
    this.buffer.push(value);
    if (this.buffer.length > this.limit) this.buffer.shift();
  }

  next(): Promise<IteratorResult<T>> {
    if (this.buffer.length > 0) return Promise.resolve({ done: false, value: this.buffer.shift()! });
    if (this.closed) return Promise.resolve(DONE);
    const waited = new Promise<IteratorResult<T>>((resolve) => this.waiting.push(resolve));
    this.stop ??= this.start(this);
    return waited;
  }

  return(): Promise<IteratorResult<T>> {
    this.close();
    return Promise.resolve(DONE);
  }

  throw(error: unknown): Promise<IteratorResult<T>> {
    this.close();
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.buffer.length = 0;
    for (const waiter of this.waiting.splice(0)) waiter(DONE);
    this.stop?.();
  }
}

/**
 * type-graphql's pub/sub over the event bus. Events published before a subscriber listens are lost,
 * so each subscription starts listening, then reads and sends the current state, then the events that
 * arrived meanwhile (minus those the state already covers), then live events. It sends the current
 * state again whenever the bus reports that delivery resumed after a gap.
 *
 * The bus has one listener per topic, whatever the number of subscribers; it hands each event (the
 * same object) to every subscriber's queue in the order they subscribed.
 */
export function createLivePubSub(bus: EventBus, current: CurrentState, stale: StaleCheck = {}): PubSub {
  const audiences = new Map<Topic, Set<(payload: unknown) => void>>();
  const listen = (topic: Topic, deliver: (payload: unknown) => void): (() => void) => {
    let audience = audiences.get(topic);
    if (!audience) {
      const members = new Set<(payload: unknown) => void>();
      audience = members;
      audiences.set(topic, members);
      bus.on(topic, (payload) => {
        for (const member of members) member(payload);
      });
    }
    audience.add(deliver);
    return () => audience.delete(deliver);
  };
  return {
    publish(topic, ...args) {
      void bus.publish(topic as Topic, args[0] as never);
    },
    subscribe(topic) {
      const name = topic as Topic;
      const isStale = stale[name] as ((event: unknown, current: unknown) => boolean) | undefined;
      return new SubscriberQueue<unknown>(SUBSCRIBER_BACKLOG, (queue) => {
        // While the current state is read, live events wait here (null: none is being read).
        let pending: unknown[] | null = null;
        const sendCurrentState = async () => {
          if (pending) return;
          pending = [];
          const state = await current[name]().catch(() => null);
          // Pushed synchronously, in order, before live events may be pushed directly again.
          if (state !== null) queue.push(state);
          for (const event of pending) {
            if (state === null || !isStale?.(event, state)) queue.push(event);
          }
          pending = null;
        };
        const offLive = listen(name, (payload) => (pending ? pending.push(payload) : queue.push(payload)));
        const offResubscribed = bus.onResubscribed(() => void sendCurrentState());
        void sendCurrentState();
        return () => {
          offLive();
          offResubscribed();
        };
      });
    },
  };
}
