import { z } from 'zod';

const DEV_JWT_SECRET = 'levelsync-development-secret-change-me-0123456789';

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const ratio = (fallback: number) => z.coerce.number().min(0).max(1).default(fallback);

/** The environment variables the domain reads (validated with the others, once, in config/app-config.ts). */
export const DOMAIN_ENV = {
  JWT_SECRET: z.string().optional(),
  JWT_TTL_MINUTES: positiveInt(60),
  // Fractions allowed (0.05 = every 3 s) for demos and tests of the schedule.
  HEALTH_CHECK_INTERVAL_MINUTES: z.coerce.number().positive().default(5),
  AUTO_SYNC_INTERVAL_HOURS: positiveInt(6),
  // How long a retried updateProgress replays its stored result; a year at most.
  IDEMPOTENCY_RETENTION_HOURS: z.coerce.number().int().min(1).max(8760).default(24),
  // How long each API replica trusts its last read of a user's session (revocations are pushed at once besides).
  SESSION_CHECK_SECONDS: z.coerce.number().int().min(0).max(300).default(5),
  // Audit entries older than this are deleted by the hourly maintenance job (which audits that it did).
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).default(365),
  HEALTHY_THRESHOLD: ratio(0.99),
  DEGRADED_THRESHOLD: ratio(0.95),
  // Alerts: evaluation every 30 s; memory thresholds for the PROCESS_MEMORY_MB rule; database capacity.
  ALERT_EVALUATION_SECONDS: z.coerce.number().positive().max(3600).default(30),
  ALERT_MEMORY_WARNING_MB: positiveInt(768),
  ALERT_MEMORY_CRITICAL_MB: positiveInt(1536),
  DATABASE_CAPACITY_BYTES: z.coerce.number().int().positive().optional(),
  // Notification retries: attempts and the first backoff (doubling); tests shorten them.
  NOTIFICATION_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  NOTIFICATION_BACKOFF_MS: z.coerce.number().int().min(1).max(3_600_000).default(5_000),
  NOTIFICATION_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  // Reach PagerDuty somewhere else (a proxy, a test receiver).
  PAGERDUTY_EVENTS_URL: z.string().url().default('https://events.pagerduty.com/v2/enqueue'),
};

export type DomainEnv = z.output<z.ZodObject<typeof DOMAIN_ENV>>;

export interface JwtConfig {
  readonly secret: string;
  readonly ttlMinutes: number;
  readonly issuer: string;
  readonly audience: string;
}

export interface ScheduleConfig {
  readonly healthCheckIntervalMinutes: number;
  readonly autoSyncIntervalHours: number;
}

export interface HealthThresholds {
  readonly healthyThreshold: number;
  readonly degradedThreshold: number;
}

export interface AlertsConfig {
  readonly evaluationSeconds: number;
  readonly memoryWarningMb: number;
  readonly memoryCriticalMb: number;
  /** Without it the DATABASE_SIZE_PERCENT rule has no value and never fires. */
  readonly databaseCapacityBytes: number | null;
  readonly notificationAttempts: number;
  readonly notificationBackoffMs: number;
  readonly notificationTimeoutMs: number;
  readonly pagerDutyEventsUrl: string;
}

/** What the domain is configured with: tokens, health thresholds, retention, and the recurring work. */
export interface DomainConfig {
  readonly jwt: JwtConfig;
  readonly health: HealthThresholds;
  /** Idempotency records older than this are purged by the hourly maintenance job. */
  readonly idempotencyRetentionHours: number;
  readonly schedules: ScheduleConfig;
  /** Seconds a replica trusts its last read of a user's session row (0: read it on every request). */
  readonly sessionCheckSeconds: number;
  /** Audit entries older than this many days are deleted by the maintenance job. */
  readonly auditRetentionDays: number;
  readonly alerts: AlertsConfig;
}

/** A problem with one variable, as the loader reports it. */
export type ConfigIssue = { readonly variable: string; readonly message: string };

/** The rules across the domain's variables (and the one on NODE_ENV: production needs its own secret). */
export function domainEnvIssues(env: DomainEnv, production: boolean): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  if (production && !env.JWT_SECRET) issues.push({ variable: 'JWT_SECRET', message: 'is required when NODE_ENV=production' });
  if (env.JWT_SECRET !== undefined && env.JWT_SECRET.length < 32) issues.push({ variable: 'JWT_SECRET', message: 'must be at least 32 characters' });
  if (env.ALERT_MEMORY_WARNING_MB >= env.ALERT_MEMORY_CRITICAL_MB) issues.push({ variable: 'ALERT_MEMORY_WARNING_MB', message: 'must be below ALERT_MEMORY_CRITICAL_MB' });
  if (env.DEGRADED_THRESHOLD > env.HEALTHY_THRESHOLD) issues.push({ variable: 'DEGRADED_THRESHOLD', message: 'must not exceed HEALTHY_THRESHOLD' });
  return issues;
}

export function domainConfigFrom(env: DomainEnv): DomainConfig {
  return {
    jwt: { secret: env.JWT_SECRET ?? DEV_JWT_SECRET, ttlMinutes: env.JWT_TTL_MINUTES, issuer: 'levelsync', audience: 'levelsync-api' },
    health: { healthyThreshold: env.HEALTHY_THRESHOLD, degradedThreshold: env.DEGRADED_THRESHOLD },
    idempotencyRetentionHours: env.IDEMPOTENCY_RETENTION_HOURS,
    schedules: { healthCheckIntervalMinutes: env.HEALTH_CHECK_INTERVAL_MINUTES, autoSyncIntervalHours: env.AUTO_SYNC_INTERVAL_HOURS },
    sessionCheckSeconds: env.SESSION_CHECK_SECONDS,
    auditRetentionDays: env.AUDIT_RETENTION_DAYS,
    alerts: {
      evaluationSeconds: env.ALERT_EVALUATION_SECONDS,
      memoryWarningMb: env.ALERT_MEMORY_WARNING_MB,
      memoryCriticalMb: env.ALERT_MEMORY_CRITICAL_MB,
      databaseCapacityBytes: env.DATABASE_CAPACITY_BYTES ?? null,
      notificationAttempts: env.NOTIFICATION_ATTEMPTS,
      notificationBackoffMs: env.NOTIFICATION_BACKOFF_MS,
      notificationTimeoutMs: env.NOTIFICATION_TIMEOUT_MS,
      pagerDutyEventsUrl: env.PAGERDUTY_EVENTS_URL,
    },
  };
}
