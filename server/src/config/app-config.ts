import { z } from 'zod';
import { DOMAIN_ENV, domainConfigFrom, domainEnvIssues, type DomainConfig } from '../domain/config/domain-config';
import { HTTP_ENV, httpConfigFrom, type HttpConfig } from '../http/http-config';
import { STANDALONE_ENV, standaloneConfigFrom, type StandaloneConfig } from '../standalone/standalone-config';
import { PROCESS_ENV, processConfigFrom, type ProcessConfig } from './process-config';

/**
 * One schema over the whole environment, composed from each concern's variables: read and validated
 * once, so every problem is reported together, before anything starts.
 */
const schema = z
  .object({ ...PROCESS_ENV, ...HTTP_ENV, ...DOMAIN_ENV, ...STANDALONE_ENV })
  .superRefine((env, ctx) => {
    for (const issue of domainEnvIssues(env, env.NODE_ENV === 'production')) {
      ctx.addIssue({ code: 'custom', path: [issue.variable], message: issue.message });
    }
  });

/**
 * The configuration by concern. A composition root hands each part to whoever it concerns: the
 * domain its own, the HTTP server its own, the all-in-one mode its own.
 */
export interface AppConfig {
  readonly process: ProcessConfig;
  readonly domain: DomainConfig;
  readonly http: HttpConfig;
  readonly standalone: StandaloneConfig;
}

/** Every environment variable the configuration reads (deployment files are checked against it). */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(schema.shape);

export class ConfigError extends Error {}

/** Reads and validates the environment once; every process calls this at start and fails fast. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ');
    throw new ConfigError(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  const processConfig = processConfigFrom(e);
  return {
    process: processConfig,
    domain: domainConfigFrom(e),
    http: httpConfigFrom(e, processConfig.isProduction),
    standalone: standaloneConfigFrom(e),
  };
}
