import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';

/** RATE_LIMITED with the wait in the body and, over HTTP, as 429 + Retry-After. */
export function rateLimitedError(retryAfterSeconds: number, what = 'requests'): GraphQLError {
  return new GraphQLError(`Too many ${what}; retry in ${retryAfterSeconds} s.`, {
    extensions: {
      code: 'RATE_LIMITED',
      retryAfterSeconds,
      http: { status: 429, headers: new HeaderMap([['retry-after', String(retryAfterSeconds)]]) },
    },
  });
}
