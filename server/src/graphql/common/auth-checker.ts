import type { AuthChecker } from 'type-graphql';
import { forbidden, unauthenticated } from '../../domain/errors/domain-error';
import type { Role } from '../../domain/shared/specialization';
import type { GraphQLContext } from '../context';
import { toGraphQLError } from './errors';

/**
 * `@Authorized()` needs any signed-in user; `@Authorized('ADMIN', ...)` needs one of those roles.
 * No viewer (no token, or a bad one) fails the whole operation: HTTP 401, no `data`. The wrong role
 * is a field error: FORBIDDEN for that field, the others resolved, HTTP 200.
 */
export const authChecker: AuthChecker<GraphQLContext, Role> = ({ context }, roles) => {
  if (!context.viewer) throw toGraphQLError(unauthenticated(context.authFailure ?? undefined));
  if (roles.length > 0 && !roles.includes(context.viewer.role)) throw toGraphQLError(forbidden(), 'field');
  return true;
};
