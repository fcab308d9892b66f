import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLContext } from '../graphql/context';
import { loginAttempts } from '../graphql/common/login-attempts';
import { rateLimitedError } from '../graphql/common/rate-limited-error';
import { takeLoginBudget } from './login-budget';
import type { RateLimiters } from './rate-limiters';

/** Refuses an operation whose `login` fields would exceed the login budget, before any password is hashed. */
export function loginRateLimitPlugin(limiters: RateLimiters): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, operationName, request, contextValue }) {
          if (operation?.operation !== 'mutation') return;
          const emails = loginAttempts(document, operationName, request.variables);
          const verdict = await takeLoginBudget(limiters, contextValue.clientAddress, emails);
          if (!verdict.allowed) throw rateLimitedError(verdict.retryAfterSeconds, 'sign-in attempts');
        },
      };
    },
  };
}
