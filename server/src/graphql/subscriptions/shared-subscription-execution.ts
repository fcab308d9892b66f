import { createSourceEventStream, execute, type ExecutionArgs, type ExecutionResult } from 'graphql';
import { mapEvents, writeEvents, type SubscriberChannel } from './subscription-result-streams';

export interface SharedExecutionOptions {
  /**
   * Which subscribers may share one execution per event: two subscriptions with the same key must
   * get the same result for the same event (same document, operation, variables and role). Null: this
   * subscription executes every event on its own.
   */
  shareKey(args: ExecutionArgs): string | null;
  /**
   * The context one shared execution runs with, derived from the context of the member that triggers
   * it. It must not carry the member's identity; reading what is left of it calls `onIdentityRead`,
   * and the execution is then thrown away and every member executes that event with its own context.
   */
  sharedContext(memberContext: unknown, onIdentityRead: () => void): unknown;
  /** Before each event reaches a subscriber: false ends that subscription (e.g. its token expired). */
  admit?(args: ExecutionArgs): boolean;
  /**
   * The subscription's socket and id. With it, each result is written straight to the socket as a
   * `next` message whose payload is serialised once per group; without it, results are handed back
   * to graphql-ws one by one.
   */
  channel?(args: ExecutionArgs): SubscriberChannel | null;
  /** The payload of a `next` message for a result (error formatting): what graphql-ws's onNext hook would send. */
  format?(result: ExecutionResult): unknown;
  /**
   * Runs the execution of one event, shared or not: in a unit of work of its own (an EntityManager
   * scope), with the context that execution should see (say, with loaders of its own, so nothing read
   * for one event is served to the next). Without it, executions run with the subscriber's context as is.
   */
  eachEvent?<T>(memberContext: unknown, execute: (context: unknown) => Promise<T>): Promise<T>;
  /**
   * Starts the loop that writes a subscription's events to its socket: e.g. outside the unit of work
   * the subscription was set up in, which the loop would otherwise keep alive for its whole life.
   */
  startDelivery?<T>(start: () => T): T;
}

/** The result of a shared execution, or NOT_SHARED when it read the identity of whoever triggered it. */
const NOT_SHARED = Symbol('not shared');

interface Delivery {
  readonly result: ExecutionResult;
  /** The serialised `next` payload, made on first use. */
  json?: string;
}

type Subscribe = (args: ExecutionArgs) => Promise<AsyncGenerator<ExecutionResult> | ExecutionResult>;

/**
 * A drop-in for graphql's `subscribe` that executes and serialises each event once per group of equal
 * subscriptions instead of once per subscriber.
 *
 * Every subscriber keeps its own source stream (its own current state first, its own filter, its own
 * order, its own authorization at subscribe time); only "event → result → JSON" is shared. The event
 * bus hands the same payload object to every listener, so results are memoised per payload object
 * and share key: the first subscriber to reach an event executes it, the others reuse its result and
 * its JSON. Payloads are snapshots, never mutated after publication, which makes the object a valid key.
 */
export function createSharedSubscribe(options: SharedExecutionOptions): Subscribe {
  const deliveries = new WeakMap<object, Map<string, Promise<Delivery | typeof NOT_SHARED>>>();
  const format = options.format ?? ((result: ExecutionResult) => result);
  const startDelivery = options.startDelivery ?? (<T>(start: () => T) => start());
  const eachEvent = options.eachEvent ?? (<T>(context: unknown, run: (context: unknown) => Promise<T>) => run(context));

  /** This subscriber's own execution of the event. */
  const executeOwn = (args: ExecutionArgs, event: unknown): Promise<ExecutionResult> =>
    eachEvent(args.contextValue, async (contextValue) => execute({ ...args, rootValue: event, contextValue }));

  const executeShared = (args: ExecutionArgs, event: object): Promise<Delivery | typeof NOT_SHARED> =>
    eachEvent(args.contextValue, async (eventContext) => {
      let identityRead = false;
      const contextValue = options.sharedContext(eventContext, () => (identityRead = true));
      const result = await execute({ ...args, rootValue: event, contextValue });
      return identityRead ? NOT_SHARED : { result };
    });

  const deliveryFor = async (args: ExecutionArgs, key: string | null, event: unknown): Promise<Delivery> => {
    if (key === null || typeof event !== 'object' || event === null) return { result: await executeOwn(args, event) };
    let byKey = deliveries.get(event);
    if (!byKey) {
      byKey = new Map();
      deliveries.set(event, byKey);
    }
    let shared = byKey.get(key);
    if (!shared) {
      shared = executeShared(args, event);
      byKey.set(key, shared);
    }
    const delivery = await shared;
    return delivery === NOT_SHARED ? { result: await executeOwn(args, event) } : delivery;
  };

  const jsonOf = (delivery: Delivery): string => (delivery.json ??= JSON.stringify(format(delivery.result)));

  return async (args) => {
    const source = await createSourceEventStream(args);
    if (!isAsyncIterable(source)) return source;
    const key = options.shareKey(args);
    const admit = options.admit && (() => options.admit!(args));
    const iterator = source[Symbol.asyncIterator]();
    const channel = options.channel?.(args);
    if (channel) return startDelivery(() => writeEvents(iterator, channel, async (event) => jsonOf(await deliveryFor(args, key, event)), admit));
    return mapEvents(iterator, async (event) => (await deliveryFor(args, key, event)).result, admit);
  };
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof (value as { [Symbol.asyncIterator]?: unknown } | null)?.[Symbol.asyncIterator] === 'function';
}
