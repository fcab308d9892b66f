import { createClient, type Client as WsGraphqlClient } from 'graphql-ws';
import { Redis } from 'ioredis';
import { join as joinPath } from 'node:path';
import { WebSocket } from 'ws';
import { findFreePort } from '../../../server/src/standalone/free-port';
import { connectHeapInspector, findProcessInspector, inspectFlag, inspectorUrlAtPort, type HeapInspector, type MemoryAfterGc } from '../measure/heap-inspector';
import { LatencyRecorder } from '../measure/latency-recorder';
import { measureMachineLoad } from '../measure/machine-load';
import type { LoadStack } from '../stack/load-stack';
import { startTsChild } from '../stack/ts-child-process';
import { ms, type ScenarioOptions, type ScenarioReport, type SummaryRow } from './scenario.types';

const SUBSCRIPTION = 'subscription FanOut { checkRunUpdated { id state progress } }';
const WARMUP_BASE = 800_000_000;
const MEASURED_BASE = 900_000_000;
const SPACING_MS = 500;

/** A synthetic CheckRun event, as a worker would publish it; the id tells which publication it is. */
function checkRunEvent(id: number): string {
  const now = new Date().toISOString();
  return JSON.stringify({
    id, trigger: 'MANUAL', state: 'RUNNING', progress: 0.5, queuedAt: now, startedAt: now, finishedAt: null, durationMs: null,
    pairsChecked: null, inconsistent: null, consistencyRate: null, healthState: null, repairsApplied: null, error: null,
  });
}

interface Audience {
  /** Receives event ids; resolves when every client is connected. */
  connect(onEvent: (clientIndex: number, id: number) => void): Promise<void>;
  close(): Promise<void>;
}

/** Opens `count` clients, 50 at a time, for both audiences alike. */
async function connectInBatches(count: number, open: (index: number) => Promise<void>): Promise<void> {
  for (let start = 0; start < count; start += 50) {
    await Promise.all(Array.from({ length: Math.min(50, count - start) }, (_, k) => open(start + k)));
  }
}

function graphqlWsAudience(url: string, token: string, count: number): Audience {
  const clients: WsGraphqlClient[] = [];
  return {
    connect: (onEvent) =>
      connectInBatches(
        count,
        (index) =>
          new Promise<void>((resolve, reject) => {
            const client = createClient({
              url,
              webSocketImpl: WebSocket,
              lazy: false,
              retryAttempts: 0,
              connectionParams: { authorization: `Bearer ${token}` },
              on: { connected: () => resolve(), closed: (e) => reject(new Error(`subscriber ${index} closed: ${(e as { reason?: string }).reason ?? ''}`)) },
            });
            clients.push(client);
            client.subscribe<{ checkRunUpdated: { id: string } }>(
              { query: SUBSCRIPTION },
              { next: (m) => m.data && onEvent(index, Number(m.data.checkRunUpdated.id)), error: () => undefined, complete: () => undefined },
            );
          }),
      ),
    async close() {
      await Promise.all(clients.map((c) => c.dispose()));
    },
  };
}

function rawWsAudience(url: string, count: number): Audience {
  const sockets: WebSocket[] = [];
  return {
    connect: (onEvent) =>
      connectInBatches(
        count,
        (index) =>
          new Promise<void>((resolve, reject) => {
            const socket = new WebSocket(url);
            sockets.push(socket);
            socket.on('open', () => resolve());
            socket.on('error', reject);
            socket.on('message', (data) => onEvent(index, (JSON.parse(data.toString()) as { id: number }).id));
          }),
      ),
    async close() {
      for (const s of sockets) s.terminate();
    },
  };
}

/** Receipts of one audience: the latency of each measured delivery, and which clients heard a warm-up. */
class Receipts {
  readonly latency = new LatencyRecorder();
  /** performance.now() when each measured event was published. */
  readonly sentAt = new Map<number, number>();
  readonly warmed = new Set<number>();
  delivered = 0;
  lastReceiptAt = 0;

  readonly onEvent = (client: number, id: number): void => {
    this.lastReceiptAt = Date.now();
    if (id >= MEASURED_BASE) {
      const t0 = this.sentAt.get(id);
      if (t0 !== undefined) {
        this.latency.record(performance.now() - t0, true);
        this.delivered += 1;
      }
    } else if (id >= WARMUP_BASE) this.warmed.add(client);
  };
}

/** Resolves when `done()` holds, or after `timeoutMs`. */
async function until(done: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

/**
 * Publishes warm-up events one at a time, each re-sent only until every client has heard one (so
 * the warm-up builds no backlog): subscriptions become live asynchronously on the server. Then
 * lets stragglers drain.
 */
async function warmUp(receipts: Receipts, count: number, publisher: Redis, channel: string): Promise<void> {
  for (let i = 0; receipts.warmed.size < count; i += 1) {
    if (i >= 20) throw new Error(`only ${receipts.warmed.size} of ${count} subscribers on ${channel} received a warm-up event`);
    await publisher.publish(channel, checkRunEvent(WARMUP_BASE + i));
    await until(() => receipts.warmed.size >= count, 5_000);
  }
  await until(() => Date.now() - receipts.lastReceiptAt > 1_000, 30_000);
}

/** One server under test: how to subscribe to it, where its events are published, how to read its memory. */
interface FanOutServer {
  channel: string;
  audience(count: number): Audience;
  /** Forces full collections in the server's process; null when it runs without an inspector. */
  inspector: HeapInspector | null;
}

interface MemoryCost {
  before: MemoryAfterGc;
  after: MemoryAfterGc;
  heapKbPerConnection: number;
  rssKbPerConnection: number;
  externalKbPerConnection: number;
}

interface Joined {
  server: FanOutServer;
  audience: Audience;
  receipts: Receipts;
  memory: MemoryCost | null;
}

/** Subscribers connected and heard from before the baseline, so that first-use costs are not counted per connection. */
const PRIMER_SUBSCRIBERS = 50;

/**
 * Joins `count` subscribers to one server and measures what they cost it. A small audience joins,
 * hears an event and leaves first (code compiled and caches filled on first use are then in the
 * baseline, not spread over the connections); then memory after a forced full collection, the
 * whole audience joins and hears an event, and memory after another forced full collection.
 */
async function join(server: FanOutServer, count: number, publisher: Redis): Promise<Joined> {
  const primerCount = Math.min(PRIMER_SUBSCRIBERS, count);
  const primer = server.audience(primerCount);
  const primerReceipts = new Receipts();
  await primer.connect(primerReceipts.onEvent);
  await warmUp(primerReceipts, primerCount, publisher, server.channel);
  await primer.close();
  await sleep(1_000); // the server handles the closes
  const before = server.inspector ? await server.inspector.memoryAfterGc() : null;
  const audience = server.audience(count);
  const receipts = new Receipts();
  await audience.connect(receipts.onEvent);
  await warmUp(receipts, count, publisher, server.channel);
  const after = server.inspector ? await server.inspector.memoryAfterGc() : null;
  const perConnectionKb = (mbBefore: number, mbAfter: number) => ((mbAfter - mbBefore) * 1024) / count;
  return {
    server,
    audience,
    receipts,
    memory:
      before && after
        ? {
            before,
            after,
            heapKbPerConnection: perConnectionKb(before.heapUsedMb, after.heapUsedMb),
            rssKbPerConnection: perConnectionKb(before.rssMb, after.rssMb),
            externalKbPerConnection: perConnectionKb(before.externalMb, after.externalMb),
          }
        : null,
  };
}

/**
 * Publishes `events` events to each server, alternating: server k's event i at
 * start + i·SPACING_MS + k·SPACING_MS/servers, so that each server hears one every SPACING_MS and
 * both share the machine's conditions of the moment. Then waits for every delivery (or 30 s).
 */
async function publishInterleaved(sides: Joined[], count: number, events: number, publisher: Redis): Promise<void> {
  const start = performance.now();
  for (let i = 0; i < events; i += 1) {
    for (const [k, side] of sides.entries()) {
      await sleep(start + i * SPACING_MS + (k * SPACING_MS) / sides.length - performance.now());
      const id = MEASURED_BASE + i;
      side.receipts.sentAt.set(id, performance.now());
      await publisher.publish(side.server.channel, checkRunEvent(id));
    }
  }
  await until(() => sides.every((s) => s.receipts.delivered >= count * events), 30_000);
  for (const side of sides) side.receipts.latency.stop();
}

const kb = (value: number) => `${value.toFixed(1)} KB`;
const mb = (value: number) => `${value.toFixed(1)} MB`;

function memoryRows(subscribers: number, ours: MemoryCost | null, ref: MemoryCost | null): SummaryRow[] {
  if (!ours || !ref) {
    const missing = !ours ? 'the API' : 'the raw ws broadcaster';
    return [{ scenario: 'fan-out', metric: 'heap / RSS per connection', ours: `not measured (${missing} has no inspector)`, target: '' }];
  }
  const ratio = (a: number, b: number) => (a > 0 && b > 0 ? a / b : undefined);
  return [
    {
      scenario: 'fan-out',
      metric: `heap per connection (after full GC, ${subscribers} subs)`,
      ours: kb(ours.heapKbPerConnection),
      reference: `raw ws ${kb(ref.heapKbPerConnection)}`,
      ratio: ratio(ours.heapKbPerConnection, ref.heapKbPerConnection),
      target: '',
    },
    {
      scenario: 'fan-out',
      metric: 'RSS per connection (after full GC)',
      ours: kb(ours.rssKbPerConnection),
      reference: `raw ws ${kb(ref.rssKbPerConnection)}`,
      ratio: ratio(ours.rssKbPerConnection, ref.rssKbPerConnection),
      target: '',
    },
  ];
}

function describeMemory(name: string, m: MemoryCost | null): string {
  if (!m) return `${name}: memory not measured (no inspector).`;
  return (
    `${name}: heap used ${mb(m.before.heapUsedMb)} → ${mb(m.after.heapUsedMb)}, RSS ${mb(m.before.rssMb)} → ${mb(m.after.rssMb)}, ` +
    `external (Buffers, native objects bound to JS) ${mb(m.before.externalMb)} → ${mb(m.after.externalMb)} (${kb(m.externalKbPerConnection)} per connection).`
  );
}

/**
 * One publication reaching N graphql-ws subscribers of checkRunUpdated, timed from the Redis
 * PUBLISH to each client's receipt, against a raw `ws` broadcaster fed by the same Redis; and the
 * memory each server retains per subscriber, read after forced full collections in both.
 */
export async function fanOut(stack: LoadStack, options: ScenarioOptions): Promise<ScenarioReport> {
  const startedAt = new Date();
  const machine = await measureMachineLoad();
  const subscribers = options.connections ?? 1000;
  const events = Math.max(5, Math.round((options.durationS * 1000) / SPACING_MS));
  const publisher = new Redis(stack.redis.url);
  const cleanups: Array<() => Promise<void> | void> = [() => publisher.disconnect()];
  try {
    // The suite starts the API with an inspector for this scenario; the broadcaster gets one the same way (a node flag).
    const apiInspectorUrl = await findProcessInspector(stack.api.pid(), stack.api.stderrTail());
    const apiInspector = apiInspectorUrl ? await connectHeapInspector(apiInspectorUrl) : null;
    cleanups.push(() => apiInspector?.close());

    const port = await findFreePort();
    const inspectPort = await findFreePort();
    const refChannel = 'loadtest:raw-broadcast';
    const broadcaster = await startTsChild(joinPath(__dirname, '../references/ws-broadcaster-server.ts'), {
      PORT: String(port),
      REDIS_URL: stack.redis.url,
      CHANNEL: refChannel,
      NODE_OPTIONS: [process.env.NODE_OPTIONS, inspectFlag(inspectPort)].filter(Boolean).join(' '),
    });
    cleanups.push(() => broadcaster.stop());
    const refInspector = await connectHeapInspector(await inspectorUrlAtPort(inspectPort));
    cleanups.push(() => refInspector.close());

    const apiServer: FanOutServer = {
      channel: `${stack.api.keyPrefix}:events:CHECK_RUN_UPDATED`,
      audience: (count) => graphqlWsAudience(stack.api.wsUrl, stack.adminToken, count),
      inspector: apiInspector,
    };
    const refServer: FanOutServer = { channel: refChannel, audience: (count) => rawWsAudience(`ws://127.0.0.1:${port}`, count), inspector: refInspector };

    // Memory is read per process, so each audience joins on its own; the publications are then interleaved.
    const api = await join(apiServer, subscribers, publisher);
    cleanups.push(() => api.audience.close());
    const ref = await join(refServer, subscribers, publisher);
    cleanups.push(() => ref.audience.close());
    await publishInterleaved([api, ref], subscribers, events, publisher);

    const a = api.receipts.latency.summary();
    const r = ref.receipts.latency.summary();
    const expected = subscribers * events;
    return {
      name: 'fan-out',
      title: `Fan-out: ${subscribers} graphql-ws subscribers to checkRunUpdated`,
      startedAt,
      durationS: (Date.now() - startedAt.getTime()) / 1000,
      machine,
      settings: { subscribers, publications: events, spacingMs: SPACING_MS, order: 'interleaved (API, raw ws, API, …)' },
      rows: [
        { scenario: 'fan-out', metric: `publish→client p95, ${subscribers} subs`, ours: ms(a.p95), reference: `raw ws ${ms(r.p95)}`, ratio: r.p95 > 0 ? a.p95 / r.p95 : undefined, target: '≤ 100 ms', pass: a.count > 0 && a.p95 <= 100 },
        { scenario: 'fan-out', metric: 'publish→client p50 / p99', ours: `${ms(a.p50)} / ${ms(a.p99)}`, reference: `raw ws ${ms(r.p50)} / ${ms(r.p99)}`, target: '' },
        { scenario: 'fan-out', metric: 'events delivered', ours: `${api.receipts.delivered} / ${expected}`, reference: `raw ws ${ref.receipts.delivered} / ${expected}`, target: 'all', pass: api.receipts.delivered === expected },
        ...memoryRows(subscribers, api.memory, ref.memory),
      ],
      charts: [
        {
          kind: 'histogram',
          title: `Publication → client latency, ${subscribers} subscribers`,
          unit: 'ms',
          series: [
            { name: 'API (graphql-ws)', values: api.receipts.latency.all.map((s) => s.latencyMs) },
            { name: 'raw ws broadcaster', values: ref.receipts.latency.all.map((s) => s.latencyMs) },
          ],
        },
      ],
      notes: [
        `${events} publications to each server, each a CheckRun event published on the server's Redis channel exactly as a worker does; the clients run in the load-generator process, so their own event loop is part of both figures.`,
        `Interleaved: both audiences stay connected and the publications alternate, the API's every ${SPACING_MS} ms and the broadcaster's ${SPACING_MS / 2} ms after each, so both latencies are taken under the same machine conditions.`,
        `Heap and RSS per connection: both servers run with an inspector on loopback (a node flag, no code in either). For each, ${PRIMER_SUBSCRIBERS} subscribers first join, hear an event and leave (first-use costs go into the baseline); then a full collection is forced (HeapProfiler.collectGarbage) and process.memoryUsage() read inside the process; the ${subscribers} subscribers join and hear an event; another forced full collection and read. Per connection = (after − before) / ${subscribers}. Heap is V8's heap used (what the JS objects retain); RSS adds socket buffers and native state, but also heap pages V8 keeps and memory the allocator has not returned, so it is the coarser figure.`,
        describeMemory('API', api.memory),
        describeMemory('raw ws broadcaster', ref.memory),
      ],
    };
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup();
  }
}
