import { Agent } from 'node:http';
import { LatencyRecorder } from '../measure/latency-recorder';
import { KEEP_ALIVE_AGENT_TIMEOUT_MS, postGraphql, type RequestPlan, type ResponseHook } from './graphql-request';

export interface DrainingLoopOptions {
  url: string;
  token: string;
  connections: number;
  durationS: number;
  plan: RequestPlan;
  onResponse?: ResponseHook;
  /** Extra headers per request, e.g. a per-client token. */
  headers?: (client: number) => Record<string, string>;
}

/**
 * Closed loop that stops sending at the deadline and then waits for every request in flight, so
 * each request sent is accounted for (acknowledged, refused or failed). autocannon stops with
 * requests in flight, whose effects then land without a response: fine for throughput, wrong for
 * bookkeeping such as "XP applied = XP acknowledged".
 */
export async function runDrainingLoop(options: DrainingLoopOptions): Promise<LatencyRecorder> {
  const recorder = new LatencyRecorder();
  const target = new URL(options.url);
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections, timeout: KEEP_ALIVE_AGENT_TIMEOUT_MS });
  const deadline = performance.now() + options.durationS * 1000;

  const one = (client: number) =>
    new Promise<void>((resolve) => {
      const planned = options.plan();
      const sentAt = performance.now();
      const headers = { 'content-type': 'application/json', authorization: `Bearer ${options.token}`, ...options.headers?.(client) };
      postGraphql({ url: target, agent, headers, body: planned.body, timeoutMs: 30_000 }, (ok, body, kind) => {
        recorder.record(performance.now() - sentAt, ok, kind);
        options.onResponse?.(ok, planned.tag, body);
        resolve();
      });
    });

  await Promise.all(
    Array.from({ length: options.connections }, async (_, client) => {
      while (performance.now() < deadline) await one(client);
    }),
  );
  recorder.stop();
  agent.destroy();
  return recorder;
}
