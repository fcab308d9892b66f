import { execute, type ExecutionArgs } from 'graphql';
import { randomBytes } from 'node:crypto';
import type { ServerOptions } from 'graphql-ws';
import type { Extra } from 'graphql-ws/use/ws';
import type { WebSocket } from 'ws';
import type { Viewer } from '../domain/auth/viewer';
import { outsideUnitOfWork, withEntityManager } from '../domain/database/entity-manager-scope';
import type { Orm } from '../domain/database/database';
import type { GraphQLContext, GraphQLContexts } from '../graphql/context';
import { createSharedSubscribe } from '../graphql/subscriptions/shared-subscription-execution';
import type { WebSocketConnectionAuth } from './websocket-connection-auth';
import type { WebSocketGuards } from './websocket-guards';

/** What a subscription's context is known by: its connection, and which subscriptions it may share executions with. */
interface SubscriptionOrigin {
  socket: WebSocket;
  id: string;
  shareKey: string | null;
}

/** Share keys kept to be reused, and the longest kept (the same bounds as the guards' validated documents). */
const SHARE_KEYS = 64;
const SHARE_KEY_MAX = 8 * 1024;

type ExecutionHooks = Required<Pick<ServerOptions<Record<string, unknown> | undefined, Extra>, 'context' | 'execute' | 'subscribe'>>;

/**
 * How graphql-ws runs an operation. Every unit of work has an EntityManager fork of its own: a query
 * or mutation for its whole execution, a subscription for each event (with loaders of its own), so
 * nothing read for one event is served, stale, to the next.
 *
 * Subscribers whose operation (document, operation name, variables) and role are the same share one
 * execution per event (see graphql/subscriptions/shared-subscription-execution.ts): the dashboard's
 * 1,000 tabs cost one execution per event, not 1,000.
 */
export function createWebSocketExecution(options: {
  /** Each unit of work runs in an EntityManager fork of this ORM. */
  orm: Orm;
  contexts: GraphQLContexts;
  guards: WebSocketGuards;
  auth: WebSocketConnectionAuth;
}): ExecutionHooks {
  const { orm, contexts, guards, auth } = options;
  const inScope = <T>(work: () => Promise<T>) => withEntityManager(orm, work);
  const origins = new WeakMap<object, SubscriptionOrigin>();
  // A subscription keeps its share key for life, and a thousand dashboards' keys are one text (their query):
  // one copy of each key in use, not one per subscription. Bounded: the oldest is forgotten beyond SHARE_KEYS.
  const shareKeys = new Map<string, string>();
  const interned = (key: string): string => {
    const known = shareKeys.get(key);
    if (known !== undefined) return known;
    if (key.length > SHARE_KEY_MAX) return key;
    if (shareKeys.size >= SHARE_KEYS) shareKeys.delete(shareKeys.keys().next().value!);
    shareKeys.set(key, key);
    return key;
  };
  const sharedSubscribe = createSharedSubscribe({
    shareKey: (args) => origins.get(args.contextValue as object)?.shareKey ?? null,
    sharedContext: (member, onIdentityRead) => {
      const context = member as GraphQLContext;
      const viewer = context.viewer;
      if (!viewer) return context;
      // The role is what the group has in common; the member's id is not, so reading it disables sharing for that event.
      const shared: Viewer = {
        role: viewer.role,
        get id() {
          onIdentityRead();
          return viewer.id;
        },
      };
      return { ...context, viewer: shared };
    },
    eachEvent: (member, run) => inScope(() => run(contexts.forNextUnit(member as GraphQLContext))),
    // The subscribe-time fork is done with once the stream is set up; each event gets a fork of its own.
    startDelivery: outsideUnitOfWork,
    channel: (args) => origins.get(args.contextValue as object) ?? null,
    format: (result) => guards.formatResult(result),
    admit: (args) => {
      const socket = origins.get(args.contextValue as object)?.socket;
      return !socket || auth.stillValid(socket);
    },
  });
  return {
    context: async (ctx, id, payload) => {
      // Each operation has a request id of its own (the audit trail names it), and the socket's client address.
      // Hex from randomBytes, not randomUUID: Node builds a UUID by concatenation, a rope of ~20 string pieces
      // that a subscription's context keeps for its whole life (522 against 90 bytes per id, measured).
      const requestId = `ws-${randomBytes(16).toString('hex')}`;
      const context = await contexts.create(ctx.connectionParams?.authorization, requestId, guards.addressOf(ctx.extra.request));
      const role = context.viewer?.role;
      origins.set(context, {
        socket: ctx.extra.socket,
        id,
        // Same text, operation, variables and role: the same result for the same event.
        shareKey: role ? interned(JSON.stringify([role, payload.operationName ?? null, payload.query, payload.variables ?? null])) : null,
      });
      return context;
    },
    execute: (args: ExecutionArgs) => inScope(async () => execute(args)),
    // The source stream is set up (resolver, authorization, first read) in a scope too; events get their own.
    subscribe: (args: ExecutionArgs) => inScope(() => sharedSubscribe(args)),
  };
}
