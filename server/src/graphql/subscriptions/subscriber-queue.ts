import type { FixedBuffer, SlidingBuffer } from '@repeaterjs/repeater';

/** A Repeater buffer that drops the oldest beyond its capacity, or (FixedBuffer) reports itself full. */
export type SubscriberBuffer = SlidingBuffer | FixedBuffer;

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

/**
 * One subscriber's events, held in a Repeater buffer until its consumer asks for them. When the
 * buffer reports itself full (a FixedBuffer), `onFull` says why the queue fails instead.
 *
 * Why not a Repeater around the buffer: a Repeater allocates about eight promises per pushed value,
 * and with a thousand subscribers an event is pushed a thousand times. Measured on one event to 1,000
 * subscribers (in process, Node 20): 11–16 ms through Repeaters, 0.4–0.5 ms through this queue. Like a
 * Repeater it starts (listens) on the first `next()`, so one that is never read holds nothing.
 */
export class SubscriberQueue<T> implements AsyncIterableIterator<T> {
  private readonly waiting: Array<{ resolve: (result: IteratorResult<T>) => void; reject: (error: Error) => void }> = [];
  private buffer: SubscriberBuffer | null;
  private stop: (() => void) | null = null;
  private failure: Error | null = null;

  /** `start` begins pushing into the queue and returns what stops it. */
  constructor(
    buffer: SubscriberBuffer,
    private readonly onFull: () => Error,
    private readonly start: (queue: SubscriberQueue<T>) => () => void,
  ) {
    this.buffer = buffer;
  }

  push(value: T): void {
    if (!this.buffer) return;
    const waiter = this.waiting.shift();
    if (waiter) waiter.resolve({ done: false, value });
    else if (this.buffer.full) this.fail(this.onFull());
    else this.buffer.add(value);
  }

  /** Ends the queue with an error: what is buffered is dropped, and the next `next()` rejects once. */
  fail(error: Error): void {
    if (!this.buffer) return;
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
    if (!this.buffer) return Promise.resolve(DONE);
    if (!this.buffer.empty) return Promise.resolve({ done: false, value: this.buffer.remove() as T });
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
    if (!this.buffer) return;
    this.buffer = null;
    for (const waiter of this.waiting.splice(0)) waiter.resolve(DONE);
    this.stop?.();
  }
}
