import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { CHECK_TRIGGERS } from '../domain/integrity/integrity.types';

/**
 * Every Prometheus series of LevelSync, defined once. Event-driven series are observed where the
 * event happens (HTTP middleware, Apollo plugin, WebSocket server, event relay, worker); the state
 * series (consistency, open violations, queue depth) are read from stored results at scrape time,
 * see stored-gauges.ts. One registry per process: scraping a process shows what it observed.
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry, prefix: 'levelsync_' });

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export const httpRequestDuration = new Histogram({
  name: 'levelsync_http_request_duration_seconds',
  help: 'HTTP request latency by route and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [metricsRegistry],
});

export const httpRequestsInFlight = new Gauge({
  name: 'levelsync_http_requests_in_flight',
  help: 'HTTP requests received (headers in) and not yet answered',
  registers: [metricsRegistry],
});

export const graphqlOperationDuration = new Histogram({
  name: 'levelsync_graphql_operation_duration_seconds',
  help: 'GraphQL operation latency by operation name and type (HTTP path)',
  labelNames: ['operation', 'type'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [metricsRegistry],
});

export const graphqlErrors = new Counter({
  name: 'levelsync_graphql_errors_total',
  help: 'GraphQL errors returned, by extensions.code',
  labelNames: ['code'] as const,
  registers: [metricsRegistry],
});

export const websocketConnections = new Gauge({
  name: 'levelsync_websocket_connections',
  help: 'Open GraphQL WebSocket connections on this process',
  registers: [metricsRegistry],
});

export const eventDeliveryLatency = new Histogram({
  name: 'levelsync_event_delivery_latency_seconds',
  help: 'From an event being published (stored first) to this process relaying it to subscribers',
  labelNames: ['topic'] as const,
  buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  registers: [metricsRegistry],
});

export const checkDuration = new Histogram({
  name: 'levelsync_check_duration_seconds',
  help: 'Integrity check duration, observed by the worker that ran it',
  labelNames: ['trigger', 'outcome'] as const,
  buckets: [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
  registers: [metricsRegistry],
});

// Alert rules take increase()/rate() of these series (deploy/prometheus/levelsync-rules.yml); a series
// born with its first event hides that event from increase(), so they exist at 0 from the start.
for (const trigger of CHECK_TRIGGERS) {
  for (const outcome of ['succeeded', 'failed']) checkDuration.zero({ trigger, outcome });
}
graphqlErrors.inc({ code: 'INTERNAL_SERVER_ERROR' }, 0);

export const lastCheckDuration = new Gauge({
  name: 'levelsync_last_check_duration_seconds',
  help: 'Duration of the latest successful integrity check (stored result)',
  registers: [metricsRegistry],
});

export const consistencyRate = new Gauge({
  name: 'levelsync_consistency_rate',
  help: 'Consistency rate of the latest successful integrity check, 0..1 (stored result)',
  registers: [metricsRegistry],
});

export const liveDetectionMissed = new Gauge({
  name: 'levelsync_live_detection_missed_pairs',
  help: 'Pairs the checks of the last 24 hours found broken or fixed that live detection had missed; anything above 0 is a bug (stored results)',
  registers: [metricsRegistry],
});

export const liveDetectionLag = new Gauge({
  name: 'levelsync_live_detection_lag_seconds',
  help: 'Age of the oldest captured change not yet checked by live detection (0 when none waits)',
  registers: [metricsRegistry],
});

export const liveDetectionUp = new Gauge({
  name: 'levelsync_live_detection_up',
  help: 'Live detection: 1 on (a checker runs, caught up), 0.5 lagging, 0 off',
  registers: [metricsRegistry],
});

export const openViolations = new Gauge({
  name: 'levelsync_open_violations',
  help: 'Open violations by type (stored results)',
  labelNames: ['type'] as const,
  registers: [metricsRegistry],
});

export const queueDepth = new Gauge({
  name: 'levelsync_queue_depth',
  help: 'Integrity jobs waiting, delayed or active',
  registers: [metricsRegistry],
});

export const workersOnline = new Gauge({
  name: 'levelsync_workers_online',
  help: 'Worker processes connected to the integrity queue (as the queue backend counts them)',
  registers: [metricsRegistry],
});

export const databaseSize = new Gauge({
  name: 'levelsync_database_size_bytes',
  help: 'Size of the database on disk (pg_database_size)',
  registers: [metricsRegistry],
});

export const databaseCapacity = new Gauge({
  name: 'levelsync_database_capacity_bytes',
  help: 'DATABASE_CAPACITY_BYTES, what the database size alerts compare against (NaN when unset)',
  registers: [metricsRegistry],
});

/** Operation names come from clients: bounded so that a hostile client cannot explode the series. */
const MAX_OPERATION_LABELS = 200;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const seenOperations = new Set<string>();

export function operationLabel(name: string | null | undefined): string {
  if (!name) return '(anonymous)';
  if (!OPERATION_NAME.test(name)) return '(invalid)';
  if (seenOperations.has(name)) return name;
  if (seenOperations.size >= MAX_OPERATION_LABELS) return '(other)';
  seenOperations.add(name);
  return name;
}
