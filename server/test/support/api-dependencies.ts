import type { AppConfig } from '../../src/config/app-config';
import type { Orm } from '../../src/domain/database/database';
import type { DomainServices } from '../../src/domain/services';
import { createResolverInstances } from '../../src/graphql/resolver-instances';
import type { ApiServerDependencies } from '../../src/http/api-server';

/** What a test's composition hands the API server, as the entry points (server/src/main.ts) do. */
export function apiDependencies(config: AppConfig, orm: Orm, services: DomainServices): ApiServerDependencies {
  return {
    http: config.http,
    rateLimitStore: config.process,
    orm,
    tokens: services.tokens,
    users: services.users,
    resolvers: createResolverInstances(services),
    gauges: services,
  };
}
