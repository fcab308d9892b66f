import type { PubSub } from 'type-graphql';
import { DomainError } from '../domain/errors/domain-error';
import { DELTA_TOPICS, type Topic, type TopicPayloads } from '../domain/events/topics';
import type { EventBus } from './event-bus';

/** What a new subscriber is sent first: the state as stored now (null when there is nothing yet). */
export type CurrentState = { [T in Topic]: () => Promise<TopicPayloads[T] | null> };

/** Whether an event that arrived while the current state was being read is older than that state. */
export type StaleCheck = { [T in Topic]?: (event: TopicPayloads[T], current: TopicPayloads[T]) => boolean };

/**
 * Events a slow subscriber may fall behind by (a stuck socket must not grow memory). Beyond that,
 * on a state topic the oldest are dropped: the newest state is what a dashboard needs; on a delta
 * topic the subscription ends with EVENTS_MISSED, since a dropped delta cannot be made up for.
 */
export const SUBSCRIBER_BACKLOG = 256;

/** Why a delta subscription ended: the client should read the state again by query, then resubscribe. */
export function eventsMissed(why: string): DomainError {
  return new DomainError('CONFLICT', `${why}; query the current state again and resubscribe`, { reason: 'EVENTS_MISSED' });
}

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

/**
 * One subscriber's events, waiting until its consumer asks for them; beyond `limit` the oldest are
 * dropped, or (`failOnOverflow`) the queue fails. What a Repeater with a SlidingBuffer does, without
 * its per-event promise machinery: with a thousand subscribers an event is pushed a thousand times,
 * so this is the per-subscriber hot path. Like a Repeater it starts (listens) on the first `next()`,
 * so one that is never read holds nothing.
 */
class SubscriberQueue<T> implements AsyncIterableIterator<T> {
  private readonly buffer: T[] = [];
  private readonly waiting: Array<{ resolve: (result: IteratorResult<T>) => void; reject: (error: Error) => void }> = [];
  private stop: (() => void) | null = null;
  private closed = false;
  private failure: Error | null = null;

  /** `start` begins pushing into the queue and returns what stops it. */
  constructor(
    private readonly limit: number,
    private readonly failOnOverflow: boolean,
    private readonly start: (queue: SubscriberQueue<T>) => () => void,
  ) {}

  push(value: T): void {
    if (this.closed) return;
    const waiter = this.waiting.shift();
    if (waiter) {
      waiter.resolve({ done: false, value });
      return;
    }
    this.buffer.push(value);
    if (this.buffer.length <= this.limit) return;
    if (this.failOnOverflow) this.fail(eventsMissed(`This subscriber fell more than ${this.limit} events behind`));
    else this.buffer.shift();
  }

  /** Ends the queue with an error: what is buffered is dropped, and the next `next()` rejects once. */
  fail(error: Error): void {
    if (this.closed) return;
    const waiter = this.waiting.shift();
    if (waiter) waiter.reject(error);
    else this.failure = error;
    this.close();
  }

  next(): Promise<IteratorResult<T>> {
    if (this.failure) {
      const failure = this.failure;
      this.failure = null;
      return Promise.reject(failure);
    }
    if (this.buffer.length > 0) return Promise.resolve({ done: false, value: this.buffer.shift()! });
    if (this.closed) return Promise.resolve(DONE);
    const waited = new Promise<IteratorResult<T>>((resolve, reject) => this.waiting.push({ resolve, reject }));
    this.stop ??= this.start(this);
    return waited;
  }

  return(): Promise<IteratorResult<T>> {
    this.failure = null;
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
    for (const waiter of this.waiting.splice(0)) waiter.resolve(DONE);
    this.stop?.();
  }
}

/**
 * type-graphql's pub/sub over the event bus. Events published before a subscriber listens are lost,
 * so each subscription starts listening, then reads and sends the current state, then the events that
 * arrived meanwhile (minus those the state already covers), then live events. It sends the current
 * state again whenever the bus reports that delivery resumed after a gap; a delta topic's
 * subscription (DELTA_TOPICS) ends with EVENTS_MISSED instead, as it does when it falls too far behind.
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
      const delta = DELTA_TOPICS.has(name);
      return new SubscriberQueue<unknown>(SUBSCRIBER_BACKLOG, delta, (queue) => {
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
        // After a gap a state topic sends its state again; a delta topic cannot replay what was lost.
        const offResubscribed = bus.onResubscribed(() =>
          delta ? queue.fail(eventsMissed('Live events were interrupted (the event bus reconnected)')) : void sendCurrentState(),
        );
        void sendCurrentState();
        return () => {
          offLive();
          offResubscribed();
        };
      });
    },
  };
}
