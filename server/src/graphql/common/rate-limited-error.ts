import type { GraphQLError } from 'graphql';
import { rateLimited } from '../../domain/errors/domain-error';
import { toGraphQLError } from './errors';

/** RATE_LIMITED for refusals made inside GraphQL (login budget, WebSocket operations): 429 + Retry-After over HTTP. */
export function rateLimitedError(retryAfterSeconds: number, what?: string): GraphQLError {
  return toGraphQLError(rateLimited(retryAfterSeconds, what));
}
