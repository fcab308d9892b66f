import autocannon from 'autocannon';
import { LatencyRecorder } from '../measure/latency-recorder';
import { failureKind, isOk, type RequestPlan, type ResponseHook } from './graphql-request';

export interface ClosedLoopOptions {
  url: string;
  token: string;
  connections: number;
  durationS: number;
  plan: RequestPlan;
  onResponse?: ResponseHook;
  /** autocannon's overallRate: a per-second quota per connection (bursty at each second's start). */
  overallRate?: number;
}

/**
 * autocannon with one request in flight per connection: at saturation this measures throughput.
 * Latency is the raw response time of each request (autocannon's own histogram "corrects" rate-
 * limited runs with a 1 ms expected interval, which inflates its percentiles), GraphQL errors count
 * as failures.
 */
export async function runClosedLoop(options: ClosedLoopOptions): Promise<LatencyRecorder> {
  const recorder = new LatencyRecorder();
  let lastOk = true;
  let lastKind: string | undefined;
  const instance = autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.durationS,
    ...(options.overallRate ? { overallRate: options.overallRate } : {}),
    timeout: 10,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${options.token}` },
    requests: [
      {
        method: 'POST',
        setupRequest: (request: Record<string, unknown>, context: Record<string, unknown>) => {
          const planned = options.plan();
          context.tag = planned.tag;
          return { ...request, body: planned.body };
        },
        onResponse: (status: number, body: string, context: Record<string, unknown>) => {
          lastOk = isOk(status, body);
          lastKind = lastOk ? undefined : failureKind(status, body);
          options.onResponse?.(lastOk, context.tag, body);
        },
      },
    ],
  } as autocannon.Options);
  // 'response' is emitted synchronously right after onResponse, on the same client.
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
    recorder.record(responseTime, lastOk, lastKind);
  });
  instance.on('reqError', () => recorder.record(0, false, 'connection or timeout'));
  await new Promise<void>((resolve, reject) => {
    instance.on('done', () => resolve());
    instance.on('error', reject);
  });
  recorder.stop();
  return recorder;
}
