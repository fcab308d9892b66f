/** The stable metric names a rule watches (the schema's `AlertRule.metric` lists them). */
export const ALERT_METRICS = [
  'CONSISTENCY_RATE',
  'API_ERROR_RATE',
  'API_P95_LATENCY_MS',
  'FAILED_INTEGRITY_JOBS_1H',
  'WORKERS_ONLINE',
  'DATABASE_SIZE_PERCENT',
  'PROCESS_MEMORY_MB',
  'OPEN_VIOLATIONS',
  'QUEUE_DEPTH',
  'CHECK_DURATION_SECONDS',
  'FAILING_CHANNELS',
] as const;
export type AlertMetric = (typeof ALERT_METRICS)[number];

/** Which way a value goes bad: ABOVE fires when it rises past a threshold, BELOW when it falls under. */
export type Direction = 'ABOVE' | 'BELOW';

export interface MetricDefinition {
  readonly direction: Direction;
  readonly unit: string;
  readonly description: string;
}

export const METRIC_DEFINITIONS: Record<AlertMetric, MetricDefinition> = {
  CONSISTENCY_RATE: { direction: 'BELOW', unit: '%', description: 'consistency rate of the latest successful check, in percent' },
  API_ERROR_RATE: { direction: 'ABOVE', unit: '%', description: '5xx responses and INTERNAL_SERVER_ERROR results over all API requests of the last 5 minutes, all replicas, in percent; 0 while the window holds fewer than 100 requests' },
  API_P95_LATENCY_MS: { direction: 'ABOVE', unit: 'ms', description: '95th percentile API request latency of the last 5 minutes, all replicas; 0 while the window holds fewer than 100 requests' },
  FAILED_INTEGRITY_JOBS_1H: { direction: 'ABOVE', unit: 'jobs', description: 'integrity checks and syncs that ended FAILED in the last hour' },
  WORKERS_ONLINE: { direction: 'BELOW', unit: 'workers', description: 'worker processes consuming the integrity queue' },
  DATABASE_SIZE_PERCENT: { direction: 'ABOVE', unit: '%', description: 'pg_database_size against DATABASE_CAPACITY_BYTES (not evaluated when unset)' },
  PROCESS_MEMORY_MB: { direction: 'ABOVE', unit: 'MB', description: 'largest resident set size of any API or worker process reporting in the last minute' },
  OPEN_VIOLATIONS: { direction: 'ABOVE', unit: 'violations', description: 'open coupling violations' },
  QUEUE_DEPTH: { direction: 'ABOVE', unit: 'jobs', description: 'integrity jobs waiting or running' },
  CHECK_DURATION_SECONDS: { direction: 'ABOVE', unit: 's', description: 'duration of the latest successful check' },
  FAILING_CHANNELS: { direction: 'ABOVE', unit: 'channels', description: 'notification channels with a dead-lettered delivery in the last hour' },
};

/** Metrics whose alerts "no workers online" inhibits: they are consequences of having no worker. */
export const INHIBITED_WITHOUT_WORKERS: ReadonlySet<AlertMetric> = new Set<AlertMetric>([
  'CONSISTENCY_RATE',
  'FAILED_INTEGRITY_JOBS_1H',
  'QUEUE_DEPTH',
  'CHECK_DURATION_SECONDS',
  'OPEN_VIOLATIONS',
]);

export const ALERT_SEVERITIES = ['WARNING', 'CRITICAL'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

export const ALERT_STATES = ['INACTIVE', 'PENDING', 'FIRING'] as const;
export type AlertState = (typeof ALERT_STATES)[number];

export const CHANNEL_KINDS = ['WEBHOOK', 'SLACK', 'PAGERDUTY', 'EMAIL'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** What a notification says happened (the webhook body's `event`). */
export const ALERT_EVENTS = ['alert.firing', 'alert.resolved', 'alert.escalated', 'test'] as const;
export type AlertEvent = (typeof ALERT_EVENTS)[number];

/** A delivery's life: PENDING (queued or retrying), DELIVERED, or DEAD (retries exhausted or refused: the dead-letter list). */
export const DELIVERY_STATUSES = ['PENDING', 'DELIVERED', 'DEAD'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** What a rule's alert looks like to subscribers and channels. */
export interface AlertSnapshot {
  readonly id: number;
  readonly ruleId: number;
  readonly ruleName: string;
  readonly metric: AlertMetric;
  readonly state: AlertState;
  readonly severity: AlertSeverity;
  readonly value: number;
  readonly startedAt: Date;
  readonly resolvedAt: Date | null;
  readonly acknowledgedAt: Date | null;
  readonly acknowledgedById: number | null;
  readonly suppressedBy: string | null;
  readonly escalatedAt: Date | null;
}
