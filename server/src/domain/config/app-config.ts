import { resolve } from 'node:path';
import { z } from 'zod';

const DEV_JWT_SECRET = 'levelsync-development-secret-change-me-0123456789';

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const ratio = (fallback: number) => z.coerce.number().min(0).max(1).default(fallback);
const optionalUrl = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined))
  .pipe(z.string().url().optional());

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(4000),
    DATABASE_URL: optionalUrl,
    REDIS_URL: optionalUrl,
    REDIS_KEY_PREFIX: z.string().trim().regex(/^[A-Za-z0-9_-]{1,64}$/).default('levelsync'),
    JWT_SECRET: z.string().optional(),
    JWT_TTL_MINUTES: positiveInt(60),
    ADMIN_EMAIL: z.string().email().default('admin@levelsync.local'),
    ADMIN_PASSWORD: z.string().min(12).optional(),
    // Fractions allowed (0.05 = every 3 s) for demos and tests of the schedule.
    HEALTH_CHECK_INTERVAL_MINUTES: z.coerce.number().positive().default(5),
    AUTO_SYNC_INTERVAL_HOURS: positiveInt(6),
    // How long a retried updateProgress replays its stored result; a year at most.
    IDEMPOTENCY_RETENTION_HOURS: z.coerce.number().int().min(1).max(8760).default(24),
    HEALTHY_THRESHOLD: ratio(0.99),
    DEGRADED_THRESHOLD: ratio(0.95),
    RATE_LIMIT_PER_MINUTE: positiveInt(100),
    // Unset: ten times RATE_LIMIT_PER_MINUTE, so a deployment (or test) that raises one raises both.
    RATE_LIMIT_READS_PER_MINUTE: z.coerce.number().int().positive().optional(),
    RATE_LIMIT_LOGIN_PER_MINUTE: positiveInt(10),
    RATE_LIMIT_LOGIN_IP_PER_MINUTE: positiveInt(30),
    WS_MAX_CONNECTIONS_PER_USER: positiveInt(10),
    WS_SUBSCRIBE_PER_MINUTE: positiveInt(60),
    CORS_ORIGINS: z.string().default(''),
    TRUST_PROXY: z.string().trim().default(''),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    DATA_DIR: z.string().trim().min(1).default('.data'),
    DEMO_STUDENTS: z.coerce.number().int().min(0).max(1_000_000).default(3000),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.JWT_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'is required when NODE_ENV=production' });
    }
    if (env.JWT_SECRET !== undefined && env.JWT_SECRET.length < 32) {
      ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'must be at least 32 characters' });
    }
    if (env.DEGRADED_THRESHOLD > env.HEALTHY_THRESHOLD) {
      ctx.addIssue({ code: 'custom', path: ['DEGRADED_THRESHOLD'], message: 'must not exceed HEALTHY_THRESHOLD' });
    }
  });

export interface AppConfig {
  readonly env: 'development' | 'production' | 'test';
  readonly isProduction: boolean;
  readonly port: number;
  readonly databaseUrl: string | undefined;
  readonly redisUrl: string | undefined;
  /** Namespaces BullMQ keys and pub/sub channels, so several deployments (or test files) can share one Redis. */
  readonly redisKeyPrefix: string;
  readonly jwt: { readonly secret: string; readonly ttlMinutes: number; readonly issuer: string; readonly audience: string };
  readonly admin: { readonly email: string; readonly password: string | undefined };
  readonly schedules: { readonly healthCheckIntervalMinutes: number; readonly autoSyncIntervalHours: number };
  readonly health: { readonly healthyThreshold: number; readonly degradedThreshold: number };
  /** Idempotency records older than this are purged by the hourly maintenance job. */
  readonly idempotencyRetentionHours: number;
  readonly rateLimitPerMinute: number;
  /** A signed-in user's queries, and stricter budgets for `login` (per IP + email, per IP) and the WebSocket guards. */
  readonly rateLimits: {
    readonly sessionReadsPerMinute: number;
    readonly loginPerEmailPerMinute: number;
    readonly loginPerIpPerMinute: number;
    readonly wsConnectionsPerUser: number;
    readonly wsSubscribesPerMinute: number;
  };
  readonly corsOrigins: readonly string[];
  /** Which proxies may name the client in X-Forwarded-For: none (false), all, a hop count, or addresses/CIDRs. */
  readonly trustProxy: boolean | number | readonly string[];
  readonly logLevel: string;
  /** All-in-one mode (`npm start`): embedded PostgreSQL files, generated admin password. */
  readonly dataDir: string;
  /** All-in-one mode: demo students generated into an empty database on first start (0 = none). */
  readonly demoStudents: number;
}

/** Every environment variable the configuration reads (deployment files are checked against it). */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(schema.shape);

export class ConfigError extends Error {}

function parseTrustProxy(value: string): boolean | number | readonly string[] {
  if (value === '' || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value.split(',').map((v) => v.trim()).filter(Boolean);
}

/** Reads and validates the environment once; every process calls this at start and fails fast. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ');
    throw new ConfigError(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  return {
    env: e.NODE_ENV,
    isProduction: e.NODE_ENV === 'production',
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    redisKeyPrefix: e.REDIS_KEY_PREFIX,
    jwt: { secret: e.JWT_SECRET ?? DEV_JWT_SECRET, ttlMinutes: e.JWT_TTL_MINUTES, issuer: 'levelsync', audience: 'levelsync-api' },
    admin: { email: e.ADMIN_EMAIL.toLowerCase(), password: e.ADMIN_PASSWORD },
    schedules: {
      healthCheckIntervalMinutes: e.HEALTH_CHECK_INTERVAL_MINUTES,
      autoSyncIntervalHours: e.AUTO_SYNC_INTERVAL_HOURS,
    },
    health: { healthyThreshold: e.HEALTHY_THRESHOLD, degradedThreshold: e.DEGRADED_THRESHOLD },
    idempotencyRetentionHours: e.IDEMPOTENCY_RETENTION_HOURS,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    rateLimits: {
      sessionReadsPerMinute: e.RATE_LIMIT_READS_PER_MINUTE ?? e.RATE_LIMIT_PER_MINUTE * 10,
      loginPerEmailPerMinute: e.RATE_LIMIT_LOGIN_PER_MINUTE,
      loginPerIpPerMinute: e.RATE_LIMIT_LOGIN_IP_PER_MINUTE,
      wsConnectionsPerUser: e.WS_MAX_CONNECTIONS_PER_USER,
      wsSubscribesPerMinute: e.WS_SUBSCRIBE_PER_MINUTE,
    },
    corsOrigins: e.CORS_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean),
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    logLevel: e.LOG_LEVEL,
    dataDir: resolve(e.DATA_DIR),
    demoStudents: e.DEMO_STUDENTS,
  };
}
