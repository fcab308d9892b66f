import {
  GraphQLFloat,
  GraphQLInt,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  parse,
  type ExecutionArgs,
  type ExecutionResult,
} from 'graphql';
import { describe, expect, it, vi } from 'vitest';
import { TOPICS } from '../../src/domain/events/topics';
import type { CheckRunSnapshot } from '../../src/domain/integrity/integrity.types';
import { createInProcessEventBus } from '../../src/events/in-process-event-bus';
import { createLivePubSub, type CurrentState } from '../../src/graphql/subscriptions/live-pub-sub';
import { createSharedSubscribe } from '../../src/graphql/subscriptions/shared-subscription-execution';
import { SOCKET_HIGH_WATER_BYTES, type SubscriberChannel } from '../../src/graphql/subscriptions/subscription-result-streams';

interface Viewer {
  id: number;
  role: string;
}
interface TestContext {
  viewer: Viewer;
}

const run = (id: number, progress: number) => ({ id, progress }) as unknown as CheckRunSnapshot;

/** A socket that records what is written to it; a stalled one never reports a write as done. */
class RecordingSocket {
  readonly sent: string[] = [];
  readyState = 1;
  bufferedAmount = 0;
  private readonly pending: Array<() => void> = [];
  constructor(private readonly stalled = false) {}
  send(data: string, callback?: (error?: Error) => void): void {
    this.sent.push(data);
    if (this.stalled) this.bufferedAmount += data.length + SOCKET_HIGH_WATER_BYTES;
    if (callback) {
      if (this.stalled) this.pending.push(() => callback());
      else callback();
    }
  }
  get payloads(): Array<{ id: string; type: string; payload: ExecutionResult }> {
    return this.sent.map((s) => JSON.parse(s) as { id: string; type: string; payload: ExecutionResult });
  }
}

/**
 * A schema with one subscription over the live pub/sub: `tick(scale)` scales the event's progress,
 * `viewerId` reads the subscriber's identity and `adminNote` needs the ADMIN role. Executions of the
 * root field are counted, per variables.
 */
function fixture(current: () => Promise<CheckRunSnapshot | null> = async () => null) {
  const bus = createInProcessEventBus();
  const state: CurrentState = { CHECK_RUN_UPDATED: current, HEALTH_STATUS_CHANGED: async () => null } as unknown as CurrentState;
  const pubSub = createLivePubSub(bus, state);
  const executions: number[] = [];
  const Tick = new GraphQLObjectType<{ id: number; progress: number }, TestContext>({
    name: 'Tick',
    fields: {
      id: { type: new GraphQLNonNull(GraphQLInt) },
      progress: { type: new GraphQLNonNull(GraphQLFloat) },
      viewerId: { type: GraphQLInt, resolve: (_tick, _args, context) => context.viewer.id },
      adminNote: {
        type: GraphQLString,
        resolve: (tick, _args, context) => {
          if (context.viewer.role !== 'ADMIN') throw new Error('Forbidden');
          return `run ${tick.id}`;
        },
      },
    },
  });
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLInt, resolve: () => 1 } } }),
    subscription: new GraphQLObjectType<unknown, TestContext>({
      name: 'Subscription',
      fields: {
        tick: {
          type: Tick,
          args: { scale: { type: GraphQLInt, defaultValue: 1 } },
          subscribe: () => pubSub.subscribe(TOPICS.CHECK_RUN_UPDATED)[Symbol.asyncIterator](),
          resolve: (source: unknown, args: { scale: number }) => {
            const event = source as CheckRunSnapshot;
            executions.push(args.scale);
            return { id: event.id, progress: event.progress * args.scale };
          },
        },
      },
    }),
  });
  const subscribers = new Map<object, { key: string; channel: SubscriberChannel; expired: boolean }>();
  const subscribe = createSharedSubscribe({
    shareKey: (args) => subscribers.get(args.contextValue as object)?.key ?? null,
    sharedContext: (member, onIdentityRead) => {
      const viewer = (member as TestContext).viewer;
      return {
        viewer: {
          role: viewer.role,
          get id() {
            onIdentityRead();
            return viewer.id;
          },
        },
      };
    },
    channel: (args) => subscribers.get(args.contextValue as object)?.channel ?? null,
    admit: (args) => !subscribers.get(args.contextValue as object)?.expired,
  });
  const subscriber = async (query: string, variables: Record<string, unknown>, viewer: Viewer, socket = new RecordingSocket()) => {
    const contextValue: TestContext = { viewer };
    const id = `sub-${subscribers.size + 1}`;
    const entry = { key: JSON.stringify([viewer.role, query, variables]), channel: { id, socket }, expired: false };
    subscribers.set(contextValue, entry);
    const args: ExecutionArgs = { schema, document: parse(query), variableValues: variables, contextValue };
    const iterator = (await subscribe(args)) as AsyncGenerator<ExecutionResult>;
    const ended = iterator.next();
    return { socket, id, iterator, ended, expire: () => (entry.expired = true) };
  };
  return { bus, executions, subscriber };
}

const TICK = 'subscription ($scale: Int) { tick(scale: $scale) { id progress } }';
const admin = (id: number): Viewer => ({ id, role: 'ADMIN' });

async function publish(bus: ReturnType<typeof createInProcessEventBus>, ...events: CheckRunSnapshot[]) {
  for (const event of events) {
    bus.publish(TOPICS.CHECK_RUN_UPDATED, event);
    // Let every subscriber's stream take the event before the next is published.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('shared subscription execution', () => {
  it('executes an event once for subscribers of the same operation, each getting it under its own id', async () => {
    const { bus, executions, subscriber } = fixture();
    const subs = await Promise.all([1, 2, 3].map((n) => subscriber(TICK, { scale: 2 }, admin(n))));
    await publish(bus, run(7, 0.25), run(8, 0.5));
    await vi.waitFor(() => expect(subs.map((s) => s.socket.sent.length)).toEqual([2, 2, 2]));
    expect(executions).toEqual([2, 2]);
    for (const { socket, id } of subs) {
      expect(socket.payloads).toEqual([
        { id, type: 'next', payload: { data: { tick: { id: 7, progress: 0.5 } } } },
        { id, type: 'next', payload: { data: { tick: { id: 8, progress: 1 } } } },
      ]);
    }
  });

  it('gives subscribers with different variables their own results', async () => {
    const { bus, executions, subscriber } = fixture();
    const double = await subscriber(TICK, { scale: 2 }, admin(1));
    const triple = await subscriber(TICK, { scale: 3 }, admin(1));
    await publish(bus, run(7, 0.25));
    await vi.waitFor(() => expect([double.socket.sent.length, triple.socket.sent.length]).toEqual([1, 1]));
    expect(double.socket.payloads[0]!.payload).toEqual({ data: { tick: { id: 7, progress: 0.5 } } });
    expect(triple.socket.payloads[0]!.payload).toEqual({ data: { tick: { id: 7, progress: 0.75 } } });
    expect(executions.sort()).toEqual([2, 3]);
  });

  it('never shares a result that read the viewer: each subscriber gets its own identity', async () => {
    const { bus, subscriber } = fixture();
    const query = 'subscription { tick { id viewerId } }';
    const subs = await Promise.all([11, 12].map((n) => subscriber(query, {}, admin(n))));
    await publish(bus, run(7, 0.25), run(8, 0.5));
    await vi.waitFor(() => expect(subs.map((s) => s.socket.sent.length)).toEqual([2, 2]));
    expect(subs[0]!.socket.payloads.map((m) => m.payload.data)).toEqual([{ tick: { id: 7, viewerId: 11 } }, { tick: { id: 8, viewerId: 11 } }]);
    expect(subs[1]!.socket.payloads.map((m) => m.payload.data)).toEqual([{ tick: { id: 7, viewerId: 12 } }, { tick: { id: 8, viewerId: 12 } }]);
  });

  it('keeps roles apart: a result authorised for one role is not handed to another', async () => {
    const { bus, subscriber } = fixture();
    const query = 'subscription { tick { id adminNote } }';
    const allowed = await subscriber(query, {}, admin(1));
    const refused = await subscriber(query, {}, { id: 2, role: 'STUDENT' });
    await publish(bus, run(7, 0.25));
    await vi.waitFor(() => expect([allowed.socket.sent.length, refused.socket.sent.length]).toEqual([1, 1]));
    expect(allowed.socket.payloads[0]!.payload).toEqual({ data: { tick: { id: 7, adminNote: 'run 7' } } });
    expect(refused.socket.payloads[0]!.payload.data).toEqual({ tick: { id: 7, adminNote: null } });
    expect(refused.socket.payloads[0]!.payload.errors).toHaveLength(1);
  });

  it('sends a new subscriber the current state first, then events in publication order', async () => {
    const current = run(5, 0.1);
    const { bus, subscriber } = fixture(async () => current);
    const early = await subscriber(TICK, {}, admin(1));
    await vi.waitFor(() => expect(early.socket.sent.length).toBe(1));
    await publish(bus, run(6, 0.2));
    const late = await subscriber(TICK, {}, admin(2));
    await vi.waitFor(() => expect(late.socket.sent.length).toBe(1));
    await publish(bus, run(7, 0.3), run(8, 0.4), run(9, 0.5));
    await vi.waitFor(() => expect([early.socket.sent.length, late.socket.sent.length]).toEqual([5, 4]));
    const ids = (s: RecordingSocket) => s.payloads.map((m) => (m.payload.data as { tick: { id: number } }).tick.id);
    expect(ids(early.socket)).toEqual([5, 6, 7, 8, 9]);
    expect(ids(late.socket)).toEqual([5, 7, 8, 9]);
  });

  it('stops delivering to a subscriber whose admission lapses, and ends its stream', async () => {
    const { bus, subscriber } = fixture();
    const lapsed = await subscriber(TICK, {}, admin(1));
    const other = await subscriber(TICK, {}, admin(2));
    await publish(bus, run(7, 0.25));
    await vi.waitFor(() => expect(lapsed.socket.sent.length).toBe(1));
    lapsed.expire();
    await publish(bus, run(8, 0.5), run(9, 0.75));
    await vi.waitFor(() => expect(other.socket.sent.length).toBe(3));
    await expect(lapsed.ended).resolves.toEqual({ done: true, value: undefined });
    expect(lapsed.socket.sent).toHaveLength(1);
  });

  it('lets a stalled socket fall behind on its own, without delaying the others', async () => {
    const { bus, subscriber } = fixture();
    const stalled = await subscriber(TICK, {}, admin(1), new RecordingSocket(true));
    const fast = await subscriber(TICK, {}, admin(2));
    const events = Array.from({ length: 20 }, (_, i) => run(100 + i, i / 20));
    await publish(bus, ...events);
    await vi.waitFor(() => expect(fast.socket.sent.length).toBe(20));
    // Over its high-water mark after the first write, the stalled subscription waits for that write.
    expect(stalled.socket.sent.length).toBe(2);
  });

  it('stops listening as soon as a subscriber leaves', async () => {
    const { bus, subscriber } = fixture();
    const leaving = await subscriber(TICK, {}, admin(1));
    await leaving.iterator.return(undefined);
    await expect(leaving.ended).resolves.toEqual({ done: true, value: undefined });
    await publish(bus, run(7, 0.25));
    expect(leaving.socket.sent).toEqual([]);
  });
});
