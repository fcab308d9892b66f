import { ApolloServer, HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import express, { type Request, type RequestHandler, type Response } from 'express';
import type { GraphQLSchema } from 'graphql';
import type { Server } from 'node:http';
import type { Logger } from '../domain/logging/logger';
import { LIMITED_PARSE_OPTIONS, limitValidationRules } from '../graphql/common/limits';
import { createPublicErrorFormatter } from '../graphql/common/public-errors';
import type { GraphQLContext, GraphQLContexts } from '../graphql/context';
import { refuseBatchedRequests } from './batch-guard';
import { clientAddressOf } from './client-address';
import { viewerRequiredResponses } from './viewer-required.plugin';

/** The largest JSON body /graphql reads (the rate limiter reads a signed-in caller's body with the same limit). */
export const GRAPHQL_BODY_LIMIT = '64kb';

export interface GraphQLEndpoint {
  readonly apollo: ApolloServer<GraphQLContext>;
  readonly handler: RequestHandler[];
}

/** GraphQL answers depend on the caller's token: no shared or browser cache may keep them. */
const noStoreResponses: ApolloServerPlugin<GraphQLContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        response.http.headers.set('cache-control', 'no-store');
      },
    };
  },
};

export async function createGraphQLEndpoint(options: {
  schema: GraphQLSchema;
  contexts: GraphQLContexts;
  /** NODE_ENV=production: no introspection, no landing page, terse errors. */
  production: boolean;
  httpServer: Server;
  logger: Logger;
  plugins?: ApolloServerPlugin<GraphQLContext>[];
  /** Runs each operation's execution inside it (after the body is parsed), e.g. its own EntityManager fork. */
  unitOfWork?: RequestHandler;
}): Promise<GraphQLEndpoint> {
  const { schema, contexts, production, httpServer, logger } = options;
  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    introspection: !production,
    includeStacktraceInErrorResponses: false,
    // Signals belong to the process entry points, which drain in order (HTTP, job, pools); Apollo's
    // own SIGTERM handler would run a second, concurrent stop() that never settles.
    stopOnTerminationSignals: false,
    csrfPrevention: true,
    // The same shape limits run on the WebSocket path (websocket-guards.ts).
    parseOptions: LIMITED_PARSE_OPTIONS,
    validationRules: limitValidationRules(),
    formatError: createPublicErrorFormatter({
      report: (error) => logger.error({ err: error }, 'unexpected GraphQL error'),
      production,
    }),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // Apollo's default cache-control plugin hooks every field resolution (a wrapper and a promise
      // chain per field) only to conclude `no-store`, since the schema sets no cache hints; the
      // header is set directly instead.
      ApolloServerPluginCacheControlDisabled(),
      noStoreResponses,
      viewerRequiredResponses,
      ...(production ? [ApolloServerPluginLandingPageDisabled()] : []),
      ...(options.plugins ?? []),
    ],
  });
  await apollo.start();
  const handler = apolloHandler(apollo, (req, res) =>
    // The id the request-context middleware accepted or generated (never the raw header).
    contexts.create(req.headers.authorization, String(res.locals.requestId ?? ''), clientAddressOf(res)),
  );
  const scope = options.unitOfWork ? [options.unitOfWork] : [];
  return { apollo, handler: [express.json({ limit: GRAPHQL_BODY_LIMIT }), refuseBatchedRequests, ...scope, handler] };
}

/** The query string of a request target, `?` included ('' without one), as Apollo wants it for GET. */
export function searchOf(url: string): string {
  const start = url.indexOf('?');
  if (start < 0) return '';
  const end = url.indexOf('#', start);
  return end < 0 ? url.slice(start) : url.slice(start, end);
}

/**
 * Apollo Server on express, the integration's request and response mapping (Apollo's
 * `executeHTTPGraphQLRequest`, as `@as-integrations/express5` calls it) without its `url.parse` per
 * request: called from inside node_modules, Node 24's `url.parse` captures a stack trace on every call
 * to decide whether to print its deprecation warning (DEP0169), ~1.9 µs a call in a microbenchmark and
 * 2.6 % of the storm API's busy time in a CPU profile. Runs after `express.json`, so `req.body` is set.
 */
function apolloHandler(apollo: ApolloServer<GraphQLContext>, context: (req: Request, res: Response) => Promise<GraphQLContext>): RequestHandler {
  return async (req, res) => {
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method.toUpperCase(), headers, search: searchOf(req.url), body: req.body as unknown },
      context: () => context(req, res),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.send(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };
}
