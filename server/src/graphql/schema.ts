import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema, type ContainerType, type PubSub } from 'type-graphql';
import './common/enums';
import { convertDomainErrors } from './common/errors';
import { guardRootFields } from './common/permission-guard';
import { RESOLVER_CLASSES } from './resolver-classes';
import { NO_RESOLVER_INSTANCES } from './resolver-instances';
import { NO_LIVE_EVENTS } from './subscriptions/no-live-events';

/**
 * The API schema. `resolvers` supplies each resolver class's instance (see resolver-instances.ts);
 * type-graphql asks for one only when a field executes, so a schema built without them (printing it,
 * validating documents against it) is whole, and executing a field of it fails loudly.
 */
export async function buildApiSchema(options: { resolvers?: ContainerType; pubSub?: PubSub } = {}): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: RESOLVER_CLASSES,
    container: options.resolvers ?? NO_RESOLVER_INSTANCES,
    validate: { forbidUnknownValues: true },
    // Subscriptions need a pub/sub even where nothing is delivered (schema emission, query-only tests).
    pubSub: options.pubSub ?? NO_LIVE_EVENTS,
  });
  // Who may run what: the permission table, enforced on the built schema (HTTP and WebSocket alike).
  return guardRootFields(convertDomainErrors(schema));
}
