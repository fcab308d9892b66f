import { z } from 'zod';

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** The environment variables the HTTP/WebSocket server reads (validated with the others, once, in config/app-config.ts). */
export const HTTP_ENV = {
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  RATE_LIMIT_PER_MINUTE: positiveInt(100),
  // Unset: ten times RATE_LIMIT_PER_MINUTE, so a deployment (or test) that raises one raises both.
  RATE_LIMIT_READS_PER_MINUTE: z.coerce.number().int().positive().optional(),
  RATE_LIMIT_LOGIN_PER_MINUTE: positiveInt(10),
  RATE_LIMIT_LOGIN_IP_PER_MINUTE: positiveInt(30),
  WS_MAX_CONNECTIONS_PER_USER: positiveInt(10),
  WS_SUBSCRIBE_PER_MINUTE: positiveInt(60),
  CORS_ORIGINS: z.string().default(''),
  TRUST_PROXY: z.string().trim().default(''),
};

export type HttpEnv = z.output<z.ZodObject<typeof HTTP_ENV>>;

/** Which proxies may name the client in X-Forwarded-For: none (false), all, a hop count, or addresses/CIDRs. */
export type TrustProxy = boolean | number | readonly string[];

/** Per-minute budgets: every /graphql request, a signed-in user's queries, `login` (per IP + email, per IP) and the WebSocket guards. */
export interface RateLimitConfig {
  readonly perMinute: number;
  readonly sessionReadsPerMinute: number;
  readonly loginPerEmailPerMinute: number;
  readonly loginPerIpPerMinute: number;
  readonly wsConnectionsPerUser: number;
  readonly wsSubscribesPerMinute: number;
}

export interface HttpConfig {
  readonly port: number;
  /** NODE_ENV=production: no introspection or landing page, strict security headers, terse errors. */
  readonly production: boolean;
  readonly rateLimits: RateLimitConfig;
  readonly corsOrigins: readonly string[];
  readonly trustProxy: TrustProxy;
}

function parseTrustProxy(value: string): TrustProxy {
  if (value === '' || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value.split(',').map((v) => v.trim()).filter(Boolean);
}

export function httpConfigFrom(env: HttpEnv, production: boolean): HttpConfig {
  return {
    port: env.PORT,
    production,
    rateLimits: {
      perMinute: env.RATE_LIMIT_PER_MINUTE,
      sessionReadsPerMinute: env.RATE_LIMIT_READS_PER_MINUTE ?? env.RATE_LIMIT_PER_MINUTE * 10,
      loginPerEmailPerMinute: env.RATE_LIMIT_LOGIN_PER_MINUTE,
      loginPerIpPerMinute: env.RATE_LIMIT_LOGIN_IP_PER_MINUTE,
      wsConnectionsPerUser: env.WS_MAX_CONNECTIONS_PER_USER,
      wsSubscribesPerMinute: env.WS_SUBSCRIBE_PER_MINUTE,
    },
    corsOrigins: env.CORS_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
  };
}
