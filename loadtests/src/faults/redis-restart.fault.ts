import { createClient } from 'graphql-ws';
import { Redis } from 'ioredis';
import { WebSocket } from 'ws';
import { runDrainingLoop } from '../drivers/draining-driver';
import { gql } from '../stack/graphql-http';
import type { LoadStack } from '../stack/load-stack';
import { updateProgressPlan } from '../scenarios/progress-storm.scenario';

export interface RedisRestartResult {
  outageMs: number;
  /** updateProgress during the outage: acknowledged / attempted. */
  duringOutage: { ok: number; total: number };
  /** updateProgress after Redis is back. */
  afterOutage: { ok: number; total: number };
  /** From Redis answering again to the subscriber receiving a freshly published event. */
  subscriptionRecoveryMs: number | null;
  /** From Redis answering again to runHealthCheck (the queue) succeeding. */
  queueRecoveryMs: number | null;
}

const RUN_HEALTH_CHECK = 'mutation { runHealthCheck { id state } }';

/** SIGKILL the stack's Redis under write load with a live subscriber, bring it back, time what recovers. */
export async function redisRestartFault(stack: LoadStack, options: { durationS: number; outageS: number; connections: number }): Promise<RedisRestartResult> {
  let lastEventAt = 0;
  const subscriber = createClient({
    url: stack.api.wsUrl,
    webSocketImpl: WebSocket,
    lazy: false,
    retryAttempts: 1000,
    connectionParams: { authorization: `Bearer ${stack.adminToken}` },
  });
  subscriber.subscribe({ query: 'subscription { checkRunUpdated { id } }' }, { next: () => (lastEventAt = performance.now()), error: () => undefined, complete: () => undefined });
  await new Promise((r) => setTimeout(r, 1000));

  const load = runDrainingLoop({
    url: stack.api.graphqlUrl,
    token: stack.adminToken,
    connections: options.connections,
    durationS: options.durationS,
    plan: updateProgressPlan(stack.students.firstId, stack.students.lastId),
  });
  await new Promise((r) => setTimeout(r, 2000));
  const downAt = performance.now();
  await stack.redis.stop(true);
  await new Promise((r) => setTimeout(r, options.outageS * 1000));
  await stack.redis.restart();
  const upAt = performance.now();

  const publisher = new Redis(stack.redis.url);
  const channel = `${stack.api.keyPrefix}:events:CHECK_RUN_UPDATED`;
  const now = new Date().toISOString();
  let subscriptionRecoveryMs: number | null = null;
  let queueRecoveryMs: number | null = null;
  for (let i = 0; i < 150 && (subscriptionRecoveryMs === null || queueRecoveryMs === null); i += 1) {
    if (subscriptionRecoveryMs === null) {
      const event = { id: 700_000_000 + i, trigger: 'MANUAL', state: 'RUNNING', progress: 0.1, queuedAt: now, startedAt: now, finishedAt: null, durationMs: null, pairsChecked: null, inconsistent: null, consistencyRate: null, healthState: null, repairsApplied: null, error: null };
      await publisher.publish(channel, JSON.stringify(event)).catch(() => undefined);
    }
    if (queueRecoveryMs === null) {
      const result = await gql(stack.api.graphqlUrl, RUN_HEALTH_CHECK, {}, stack.adminToken).catch(() => null);
      if (result?.data && !result.errors) queueRecoveryMs = performance.now() - upAt;
    }
    await new Promise((r) => setTimeout(r, 100));
    if (subscriptionRecoveryMs === null && lastEventAt > upAt) subscriptionRecoveryMs = lastEventAt - upAt;
  }
  publisher.disconnect();
  const recorder = await load;
  await subscriber.dispose();

  const during = recorder.all.filter((s) => s.atMs + recorder.startedAt >= downAt && s.atMs + recorder.startedAt <= upAt);
  const after = recorder.all.filter((s) => s.atMs + recorder.startedAt > upAt);
  return {
    outageMs: upAt - downAt,
    duringOutage: { ok: during.filter((s) => s.ok).length, total: during.length },
    afterOutage: { ok: after.filter((s) => s.ok).length, total: after.length },
    subscriptionRecoveryMs,
    queueRecoveryMs,
  };
}
