import type { RequestHandler } from 'express';

/** A dependency the process needs to serve: resolves when reachable, rejects (or hangs) when not. */
export type ReadinessProbe = () => Promise<unknown>;

const PROBE_TIMEOUT_MS = 2_000;

/**
 * `/readyz`: every probe in parallel, each bounded in time (a client that queues commands while
 * disconnected would otherwise hang the probe); 503 names the parts that failed.
 */
export function readinessHandler(probes: Record<string, ReadinessProbe>): RequestHandler {
  return async (_req, res) => {
    const entries = await Promise.all(
      Object.entries(probes).map(async ([name, probe]) => [name, (await bounded(probe)) ? 'ok' : 'unreachable'] as const),
    );
    const checks = Object.fromEntries(entries);
    const ready = entries.every(([, state]) => state === 'ok');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable', checks });
  };
}

async function bounded(probe: ReadinessProbe): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      probe(),
      new Promise((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), PROBE_TIMEOUT_MS);
      }),
    ]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/** Redis answers only when connected: a client that queues commands while reconnecting fails fast here. */
export function redisProbe(redis: { status: string; ping(): Promise<unknown> }): ReadinessProbe {
  return () => (redis.status === 'ready' ? redis.ping() : Promise.reject(new Error(`redis ${redis.status}`)));
}

/** What `/readyz` checks of a process's job transport: Redis itself, or BullMQ's tables in PostgreSQL. */
export function jobsReadiness(runtime: {
  transport: { kind: 'redis'; connection: { status: string; ping(): Promise<unknown> } } | { kind: 'postgres' };
  queue: { queueDepth(): Promise<number> };
}): Record<string, ReadinessProbe> {
  return runtime.transport.kind === 'redis' ? { redis: redisProbe(runtime.transport.connection) } : { queue: () => runtime.queue.queueDepth() };
}
