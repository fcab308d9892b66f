import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type RequestHandler } from 'express';
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
  const handler = expressMiddleware(apollo, {
    // The id the request-context middleware accepted or generated (never the raw header).
    context: ({ req, res }) =>
      contexts.create(req.headers.authorization, String(res.locals.requestId ?? ''), clientAddressOf(res)),
  });
  const scope = options.unitOfWork ? [options.unitOfWork] : [];
  return { apollo, handler: [express.json({ limit: GRAPHQL_BODY_LIMIT }), refuseBatchedRequests, ...scope, handler] };
}
