import type { GraphQLFieldResolver, GraphQLSchema } from 'graphql';
import { decide, rolesFor } from '../../domain/auth/permissions';
import { forbidden, unauthenticated } from '../../domain/errors/domain-error';
import type { GraphQLContext } from '../context';
import { toGraphQLError } from './errors';

/**
 * Enforces the permission table (domain/auth/permissions.ts) on every root field of the schema:
 * each Query and Mutation field before it resolves, each Subscription field when its source stream is
 * set up (before any event). One check for HTTP and WebSocket alike, since both execute this schema.
 *
 * No viewer for a field that needs one fails the whole operation (HTTP 401, no `data`); the wrong role
 * is a field error (FORBIDDEN at its path, the other fields resolved, HTTP 200); a root field the
 * table does not name is refused for everyone.
 */
export function guardRootFields(schema: GraphQLSchema): GraphQLSchema {
  const roots = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()];
  for (const type of roots) {
    if (!type) continue;
    const subscription = type === schema.getSubscriptionType();
    for (const field of Object.values(type.getFields())) {
      const key = `${type.name}.${field.name}`;
      const guarded = subscription ? field.subscribe : field.resolve;
      if (!guarded) continue;
      const wrapped: GraphQLFieldResolver<unknown, GraphQLContext> = (source, args, context, info) => {
        refuseUnlessAllowed(key, context);
        return guarded(source, args, context, info);
      };
      if (subscription) field.subscribe = wrapped;
      else field.resolve = wrapped;
    }
  }
  return schema;
}

function refuseUnlessAllowed(field: string, context: GraphQLContext): void {
  const viewer = context.viewer;
  switch (decide(field, viewer)) {
    case 'ALLOWED':
      return;
    case 'UNAUTHENTICATED':
      throw toGraphQLError(unauthenticated(context.authFailure ?? undefined));
    case 'PASSWORD_CHANGE_REQUIRED':
      throw toGraphQLError(
        forbidden('Change your one-time password first (changePassword).', { reason: 'PASSWORD_CHANGE_REQUIRED' }),
        'field',
      );
    case 'FORBIDDEN':
      throw toGraphQLError(
        forbidden(`Your role (${viewer!.role}) does not allow ${field}.`, { reason: 'ROLE_NOT_ALLOWED', allowedRoles: rolesFor(field) }),
        'field',
      );
    case 'UNDECLARED':
      throw toGraphQLError(forbidden(`${field} has no line in the permission table.`, { reason: 'UNDECLARED_FIELD' }), 'field');
  }
}
