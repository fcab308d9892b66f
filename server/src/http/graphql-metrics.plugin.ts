import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import type { GraphQLContext } from '../graphql/context';
import type { ApiSignals } from './request-context';
import { graphqlErrors, graphqlOperationDuration, operationLabel } from '../observability/metrics';

/**
 * Latency per GraphQL operation and errors per code, for operations over HTTP. Errors are counted
 * from the response as sent, after the error formatter, so the label is the code the client
 * receives (a validation failure is BAD_USER_INPUT, never graphql-js's internal name).
 */
export function graphqlMetricsPlugin(signals?: ApiSignals): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      let operation = '(unparsed)';
      let type = 'unknown';
      return {
        async didResolveOperation(ctx) {
          operation = operationLabel(ctx.operationName);
          type = ctx.operation?.operation ?? 'unknown';
        },
        async willSendResponse({ response }) {
          const errors =
            response.body.kind === 'single'
              ? response.body.singleResult.errors
              : response.body.initialResult.errors;
          countErrors(errors);
          // A 5xx is counted by the request itself; an INTERNAL_SERVER_ERROR inside a 200 here.
          const internal = errors?.some((error) => error.extensions?.code === 'INTERNAL_SERVER_ERROR');
          if (internal && (response.http.status ?? 200) < 500) signals?.recordInternalError();
          graphqlOperationDuration.observe({ operation, type }, Number(process.hrtime.bigint() - started) / 1e9);
        },
      };
    },
  };
}

function countErrors(errors: readonly GraphQLFormattedError[] | undefined): void {
  for (const error of errors ?? []) {
    const code = error.extensions?.code;
    graphqlErrors.inc({ code: typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR' });
  }
}
