import { Agent, request } from 'node:http';
import { LatencyRecorder, percentile } from '../measure/latency-recorder';
import { KEEP_ALIVE_AGENT_TIMEOUT_MS, postGraphql, type RequestPlan, type ResponseHook } from './graphql-request';

export interface OpenLoopOptions {
  url: string;
  token: string;
  /** Offered requests per second, evenly spaced, whatever the server's pace. */
  rate: number;
  durationS: number;
  plan: RequestPlan;
  onResponse?: ResponseHook;
  /** Most connections the agent may open while the run goes (256 by default); ignored with `connections`. */
  maxSockets?: number;
  /**
   * A fixed set of connections, as pgbench's `-c`: all of them are opened (one `{ __typename }`
   * each) before the schedule starts, used in turn, and never more. A request due while all are
   * busy waits in the client, and that wait is part of its latency (as pgbench's schedule lag).
   * Without it, the agent opens a connection whenever none is free, mid-run.
   */
  connections?: number;
}

/** What the generator itself did: how late it sent, its own CPU, how many requests it held at once. */
export interface GeneratorStats {
  /** Send time minus due time, ms: the generator's own lateness (its loop, its GC, the shared CPU). */
  sendLagP50: number;
  sendLagP99: number;
  sendLagMax: number;
  /** CPU (user + system) of the generating process over the run, in percent of one core. */
  cpuPercent: number;
  peakInFlight: number;
  /** TCP connections the agent opened once the schedule had started (keep-alive reuses them; a stall makes it open more). */
  socketsOpened: number;
}

export class OpenLoopRecorder extends LatencyRecorder {
  generator: GeneratorStats = { sendLagP50: 0, sendLagP99: 0, sendLagMax: 0, cpuPercent: 0, peakInFlight: 0, socketsOpened: 0 };
}

/**
 * An open-loop generator: request i is due at start + i/rate and is sent then, whether or not
 * earlier ones have returned. Latency is counted from the due time, so a stalled server (or a
 * stalled client) shows up in the numbers instead of silently lowering the offered rate.
 */
export async function runOpenLoop(options: OpenLoopOptions): Promise<OpenLoopRecorder> {
  const recorder = new OpenLoopRecorder();
  const target = new URL(options.url);
  const fixedPool = options.connections !== undefined;
  if (fixedPool && !(Number.isInteger(options.connections) && options.connections! > 0)) {
    throw new Error(`connections must be a positive whole number, got ${options.connections}`);
  }
  // With a fixed pool, FIFO hands out the least recently used connection, so every one of them
  // stays busy enough not to reach the server's keep-alive timeout and be reopened mid-run.
  const agent = new Agent({
    keepAlive: true,
    maxSockets: options.connections ?? options.maxSockets ?? 256,
    timeout: KEEP_ALIVE_AGENT_TIMEOUT_MS,
    scheduling: fixedPool ? 'fifo' : 'lifo',
  });
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${options.token}` };
  if (fixedPool) await openConnections(agent, target, headers, options.connections!);
  const total = Math.round(options.rate * options.durationS);
  const start = performance.now();
  const cpuAtStart = process.cpuUsage();
  const sendLags = new Float64Array(total);
  let sent = 0;
  let inFlight = 0;
  let peakInFlight = 0;
  let socketsOpened = 0;
  // A socket the agent hands from one request to a queued one is not flagged `reusedSocket`, so
  // connections are counted by identity.
  const sockets = new WeakSet<object>();
  for (const free of Object.values(agent.freeSockets)) for (const socket of free ?? []) sockets.add(socket);

  const send = (dueAt: number) => {
    sendLags[sent] = performance.now() - dueAt;
    const planned = options.plan();
    inFlight += 1;
    peakInFlight = Math.max(peakInFlight, inFlight);
    const finish = (ok: boolean, body: string, kind?: string) => {
      inFlight -= 1;
      recorder.record(performance.now() - dueAt, ok, kind);
      options.onResponse?.(ok, planned.tag, body);
    };
    const req = postGraphql({ url: target, agent, headers, body: planned.body, timeoutMs: 10_000 }, finish);
    req.once('socket', (socket) => {
      if (sockets.has(socket)) return;
      sockets.add(socket);
      socketsOpened += 1;
    });
  };

  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (sent < total && start + (sent * 1000) / options.rate <= now) {
        send(start + (sent * 1000) / options.rate);
        sent += 1;
      }
      if (sent < total) setTimeout(tick, 1);
      else resolve();
    };
    tick();
  });
  while (inFlight > 0) await new Promise((r) => setTimeout(r, 5));
  recorder.stop();
  agent.destroy();
  const cpu = process.cpuUsage(cpuAtStart);
  const lags = sendLags.subarray(0, sent).sort();
  recorder.generator = {
    sendLagP50: percentile(lags, 0.5),
    sendLagP99: percentile(lags, 0.99),
    sendLagMax: lags.length ? lags[lags.length - 1]! : 0,
    cpuPercent: ((cpu.user + cpu.system) / 1000 / Math.max(1, performance.now() - start)) * 100,
    peakInFlight,
    socketsOpened,
  };
  return recorder;
}

/** Opens `count` keep-alive connections on the agent with a request that reads and writes nothing. */
async function openConnections(agent: Agent, target: URL, headers: Record<string, string>, count: number): Promise<void> {
  const body = JSON.stringify({ query: '{ __typename }' });
  await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<void>((resolve, reject) => {
          const req = request({ host: target.hostname, port: target.port, path: target.pathname, method: 'POST', agent, headers, timeout: 10_000 }, (res) => {
            res.resume();
            res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`opening connections: HTTP ${res.statusCode}`))));
          });
          req.on('timeout', () => req.destroy(new Error('opening connections: timeout')));
          req.on('error', reject);
          req.end(body);
        }),
    ),
  );
  // Each socket returns to the free list just after its response ends.
  await new Promise((r) => setImmediate(r));
  const open = Object.values(agent.freeSockets).reduce((n, list) => n + (list?.length ?? 0), 0);
  if (open !== count) throw new Error(`opened ${open} connections instead of ${count}`);
}
