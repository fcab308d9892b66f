import { z } from 'zod';

const optionalUrl = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined))
  .pipe(z.string().url().optional());

/** The environment variables of the process as a whole: which environment, which database and Redis, how much to log. */
export const PROCESS_ENV = {
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: optionalUrl,
  DATABASE_POOL_MAX: z.coerce.number().int().min(2).max(500).default(20),
  REDIS_URL: optionalUrl,
  REDIS_KEY_PREFIX: z.string().trim().regex(/^[A-Za-z0-9_-]{1,64}$/).default('levelsync'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
};

export type ProcessEnv = z.output<z.ZodObject<typeof PROCESS_ENV>>;

export interface ProcessConfig {
  readonly env: 'development' | 'production' | 'test';
  readonly isProduction: boolean;
  readonly databaseUrl: string | undefined;
  /** PostgreSQL connections this process may hold at most (its MikroORM pool); each replica and worker holds its own. */
  readonly databasePoolMax: number;
  readonly redisUrl: string | undefined;
  /** Namespaces BullMQ keys, pub/sub channels and rate-limit counters, so several deployments (or test files) can share one Redis. */
  readonly redisKeyPrefix: string;
  readonly logLevel: string;
}

export function processConfigFrom(env: ProcessEnv): ProcessConfig {
  return {
    env: env.NODE_ENV,
    isProduction: env.NODE_ENV === 'production',
    databaseUrl: env.DATABASE_URL,
    databasePoolMax: env.DATABASE_POOL_MAX,
    redisUrl: env.REDIS_URL,
    redisKeyPrefix: env.REDIS_KEY_PREFIX,
    logLevel: env.LOG_LEVEL,
  };
}
