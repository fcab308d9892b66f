import type { AppConfig } from '../config/app-config';
import type { Orm } from '../domain/database/database';
import { databaseSizeBytes } from '../domain/database/database-size';
import type { DomainServices } from '../domain/services';
import { createResolverInstances } from '../graphql/resolver-instances';
import type { ApiServerDependencies } from './api-server';

/** What a composition root hands the API server from the config and the composed domain. */
export function apiDependencies(config: AppConfig, orm: Orm, services: DomainServices): ApiServerDependencies {
  return {
    http: config.http,
    rateLimitStore: config.process,
    orm,
    tokens: services.tokens,
    sessions: services.sessions,
    users: services.users,
    resolvers: createResolverInstances(services),
    gauges: { health: services.health, jobs: services.jobs, database: { sizeBytes: () => databaseSizeBytes(orm), capacityBytes: config.domain.alerts.databaseCapacityBytes } },
  };
}
