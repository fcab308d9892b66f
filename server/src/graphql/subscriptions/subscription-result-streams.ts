import type { ExecutionResult } from 'graphql';

// How a subscription's results leave it: written straight to its socket, or handed back to graphql-ws.

/** Where one subscription's results go: its graphql-transport-ws id on its socket (a `ws` WebSocket). */
export interface SubscriberChannel {
  readonly id: string;
  readonly socket: {
    readonly readyState: number;
    readonly bufferedAmount: number;
    send(data: string, callback?: (error?: Error) => void): void;
  };
}

/**
 * Bytes a socket may have waiting before its subscription stops pulling events until they are
 * written. Events then wait in the subscription's own (sliding) buffer, so a stalled client holds
 * at most this much plus that buffer, and never delays anyone else.
 */
export const SOCKET_HIGH_WATER_BYTES = 256 * 1024;

const OPEN = 1;

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };
const toDone = (): IteratorReturnResult<undefined> => DONE;
const ignore = (): undefined => undefined;

/**
 * Writes each event of a source stream to the subscription's socket, one at a time and in order, as
 * graphql-transport-ws `next` messages (the same bytes graphql-ws would write). graphql-ws gets an
 * iterator that yields nothing and ends when the stream does, so it still sends `complete` (or
 * `error` if delivery fails) and still calls `return()` when the client completes or disconnects.
 */
export function writeEvents(
  source: AsyncIterator<unknown>,
  channel: SubscriberChannel,
  payloadOf: (event: unknown) => Promise<string>,
  admit?: () => boolean,
): AsyncGenerator<ExecutionResult> {
  const { socket } = channel;
  const prefix = `{"id":${JSON.stringify(channel.id)},"type":"next","payload":`;
  let stopped = false;
  const pumped = (async () => {
    try {
      for (;;) {
        const step = await source.next();
        if (step.done || stopped || (admit && !admit())) return;
        const payload = await payloadOf(step.value);
        if (stopped || socket.readyState !== OPEN) return;
        const message = `${prefix}${payload}}`;
        if (socket.bufferedAmount < SOCKET_HIGH_WATER_BYTES) socket.send(message);
        else await new Promise<void>((resolve) => socket.send(message, () => resolve()));
      }
    } finally {
      await source.return?.();
    }
  })();
  // Failures reach graphql-ws through next(); this only keeps one it never asks for from going unhandled.
  pumped.catch(ignore);
  const finish = async (): Promise<IteratorResult<ExecutionResult>> => {
    stopped = true;
    await source.return?.();
    return DONE;
  };
  return new DeliveryHandle(pumped, finish);
}

/**
 * What graphql-ws iterates for a subscription written by writeEvents: it yields nothing, ends when the
 * delivery loop does, and stops it on return(). A class, so a subscription holds one small object rather
 * than four closures of its own.
 */
class DeliveryHandle implements AsyncGenerator<ExecutionResult> {
  constructor(
    private readonly pumped: Promise<void>,
    private readonly finish: () => Promise<IteratorResult<ExecutionResult>>,
  ) {}

  next(): Promise<IteratorResult<ExecutionResult>> {
    return this.pumped.then(toDone);
  }

  return(): Promise<IteratorResult<ExecutionResult>> {
    return this.finish();
  }

  async throw(error: unknown): Promise<IteratorResult<ExecutionResult>> {
    await this.finish();
    throw error;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}

/**
 * Maps a source stream one event at a time (so results keep the source's order). Like graphql-js's
 * own mapper, `return()` reaches the source at once, even while a `next()` is waiting for an event,
 * so a subscriber that leaves stops listening immediately.
 */
export function mapEvents(
  source: AsyncIterator<unknown>,
  map: (event: unknown) => Promise<ExecutionResult>,
  admit?: () => boolean,
): AsyncGenerator<ExecutionResult> {
  const finish = async (): Promise<IteratorResult<ExecutionResult>> => {
    await source.return?.();
    return DONE;
  };
  const mapper: AsyncGenerator<ExecutionResult> = {
    async next() {
      const step = await source.next();
      if (step.done) return DONE;
      if (admit && !admit()) return finish();
      try {
        return { done: false, value: await map(step.value) };
      } catch (error) {
        await source.return?.().catch(() => undefined);
        throw error;
      }
    },
    return: finish,
    async throw(error: unknown) {
      await finish();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return mapper;
    },
  };
  return mapper;
}
