import express from 'express';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ContainerType, PubSub } from 'type-graphql';
import type { SessionsService } from '../domain/auth/sessions.service';
import type { TokenService } from '../domain/auth/token.service';
import type { Orm } from '../domain/database/database';
import { pingDatabase } from '../domain/database/database-ping';
import { withEntityManager } from '../domain/database/entity-manager-scope';
import type { Logger } from '../domain/logging/logger';
import { createPublicErrorFormatter } from '../graphql/common/public-errors';
import { createGraphQLContexts, type ContextDependencies } from '../graphql/context';
import { metricsRegistry, websocketConnections } from '../observability/metrics';
import { refreshStoredGauges, type StoredGaugeSources } from '../observability/stored-gauges';
import { buildApiSchema } from '../graphql/schema';
import { createAddressResolver, withClientAddress } from './client-address';
import { dashboardRouter } from './dashboard';
import { createGraphQLEndpoint } from './graphql-endpoint';
import { graphqlMetricsPlugin } from './graphql-metrics.plugin';
import { createGraphQLWebSocket } from './graphql-websocket';
import { jsonErrorHandler, notFoundHandler } from './json-errors';
import { loginRateLimitPlugin } from './login-rate-limit.plugin';
import { OriginPolicy } from './origin-policy';
import { apiRateLimit } from './rate-limit';
import type { HttpConfig } from './http-config';
import { createRateLimiters, type RateLimitStore } from './rate-limiters';
import { readinessHandler, type ReadinessProbe } from './readiness';
import { requestContext, type ApiSignals } from './request-context';
import { securityHeaders } from './security-headers';
import { WebSocketGuards } from './websocket-guards';

export interface ApiServer {
  readonly httpServer: Server;
  listen(port: number, host?: string): Promise<number>;
  /** Stops accepting, drains HTTP, closes WebSockets (clients reconnect elsewhere). */
  close(): Promise<void>;
}

/** What the HTTP and WebSocket server uses, each named: no bag of services. */
export interface ApiServerDependencies {
  readonly http: HttpConfig;
  /** Where the rate-limit counters live (Redis under the deployment's prefix, else this process). */
  readonly rateLimitStore: RateLimitStore;
  /** Each GraphQL operation runs in a fork of its EntityManager; `/readyz` pings its database. */
  readonly orm: Orm;
  /** Reads the caller of each request for the rate limits (a signed token is enough to key a budget). */
  readonly tokens: TokenService;
  /** Whether a caller's session is alive (contexts, WebSocket connections), and when one ends. */
  readonly sessions: SessionsService;
  /** The user lookup behind the per-request loaders. */
  readonly users: ContextDependencies['users'];
  /** One instance of each resolver class (graphql/resolver-instances.ts). */
  readonly resolvers: ContainerType;
  /** What `/metrics` reads its stored gauges from. */
  readonly gauges: StoredGaugeSources;
}

export async function createApiServer(options: ApiServerDependencies & {
  logger: Logger;
  /** Delivers subscription events (see graphql/subscriptions/api-live-events.ts); without it subscriptions stay silent. */
  pubSub?: PubSub;
  /** Dependencies besides PostgreSQL that `/readyz` checks (e.g. the queue backend). */
  readiness?: Record<string, ReadinessProbe>;
  /** The built dashboard to serve at `/` (web/dist), if any. */
  dashboardDir?: string;
  /** Request counts, errors and latency for the alert rules (this replica's process samples). */
  signals?: ApiSignals;
}): Promise<ApiServer> {
  const { http, orm, tokens, logger } = options;
  const contexts = createGraphQLContexts({ sessions: options.sessions, users: options.users });
  const app = express();
  app.disable('x-powered-by');
  // res.send would hash every GraphQL answer for an ETag that no client revalidates (POSTs, no-store);
  // the dashboard's static files keep theirs (express.static sets its own).
  app.set('etag', false);
  app.use(requestContext(logger, options.signals));
  app.use(securityHeaders({ production: http.production }));
  const httpServer = createServer(app);
  const schema = await buildApiSchema({ resolvers: options.resolvers, pubSub: options.pubSub });
  const limiters = createRateLimiters(http.rateLimits, options.rateLimitStore, logger);
  const origins = new OriginPolicy(http.corsOrigins);
  const clientAddress = createAddressResolver(http.trustProxy);
  app.set('trust proxy', http.trustProxy);
  const guards = new WebSocketGuards({
    schema,
    limiters,
    origins,
    formatError: createPublicErrorFormatter({
      report: (error) => logger.error({ err: error }, 'unexpected GraphQL error'),
      production: http.production,
    }),
    maxConnectionsPerUser: http.rateLimits.wsConnectionsPerUser,
    clientAddress,
    introspection: !http.production,
    logger,
  });
  const ws = createGraphQLWebSocket({ schema, orm, sessions: options.sessions, contexts, httpServer, logger, guards });
  // One listener function for every socket, not a closure each.
  const connectionClosed = () => websocketConnections.dec();
  ws.server.on('connection', (socket) => {
    websocketConnections.inc();
    socket.once('close', connectionClosed);
  });
  const graphql = await createGraphQLEndpoint({
    schema,
    contexts,
    production: http.production,
    httpServer,
    logger,
    plugins: [{ serverWillStart: async () => ({ drainServer: () => ws.dispose() }) }, loginRateLimitPlugin(limiters), graphqlMetricsPlugin(options.signals)],
    // An EntityManager fork per operation. Entered after the body parser: its stream callbacks run
    // outside any async context, so a scope opened before them would be gone by execution.
    unitOfWork: (_req, _res, next) => void withEntityManager(orm, async () => next()),
  });

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', readinessHandler({ postgres: () => pingDatabase(orm), ...options.readiness }));
  app.get('/metrics', async (_req, res) => {
    await refreshStoredGauges(options.gauges, logger);
    res.setHeader('content-type', metricsRegistry.contentType);
    res.send(await metricsRegistry.metrics());
  });
  app.use(
    '/graphql',
    withClientAddress(clientAddress),
    ...origins.middleware(),
    apiRateLimit(limiters, tokens, logger),
    ...graphql.handler,
  );
  const dashboard = options.dashboardDir ? dashboardRouter(options.dashboardDir) : undefined;
  if (dashboard) app.use(dashboard);
  app.use(notFoundHandler());
  app.use(jsonErrorHandler(logger));

  return {
    httpServer,
    listen: (port, host = '0.0.0.0') =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => resolve((httpServer.address() as AddressInfo).port));
      }),
    close: async () => {
      await graphql.apollo.stop();
      await limiters.close();
    },
  };
}
