import type { GraphQLSchema } from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import type { Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Viewer } from '../domain/auth/viewer';
import type { Logger } from '../domain/logging/logger';
import type { DomainServices } from '../domain/services';
import { createSharedSubscribe } from '../graphql/subscriptions/shared-subscription-execution';
import { createContext, type GraphQLContext } from '../graphql/context';
import { TOO_MANY_CONNECTIONS, type WebSocketGuards } from './websocket-guards';

export const WS_MAX_PAYLOAD = 64 * 1024;

/** The longest delay setTimeout honours. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface GraphQLWebSocket {
  readonly server: WebSocketServer;
  dispose(): Promise<void>;
}

/** What a subscription's context is known by: its connection, and which subscriptions it may share executions with. */
interface SubscriptionOrigin {
  socket: WebSocket;
  id: string;
  shareKey: string | null;
}

/**
 * graphql-ws on the same path as HTTP. Every subscription is admin-only, so the connection itself
 * is authenticated in connection_init: a missing or bad token closes with 4401, a non-admin with
 * 4403, and a connection is closed when its token expires (by a timer, and at the latest when an
 * event would reach it after the expiry).
 *
 * Subscribers whose operation (document, operation name, variables) and role are the same share one
 * execution per event (see graphql/subscriptions/shared-subscription-execution.ts): the dashboard's 1,000 tabs cost
 * one execution per event, not 1,000.
 */
export function createGraphQLWebSocket(options: {
  schema: GraphQLSchema;
  services: DomainServices;
  httpServer: Server;
  logger: Logger;
  /** Origin, connection, rate and shape limits: see websocket-guards.ts. */
  guards: WebSocketGuards;
  path?: string;
}): GraphQLWebSocket {
  const { schema, services, httpServer, guards } = options;
  const server = new WebSocketServer({
    server: httpServer,
    path: options.path ?? '/graphql',
    maxPayload: WS_MAX_PAYLOAD,
    verifyClient: guards.verifyClient,
  });
  const expiryTimers = new WeakMap<object, NodeJS.Timeout>();
  const expiresAt = new WeakMap<object, number>();
  const origins = new WeakMap<object, SubscriptionOrigin>();
  const closeExpired = (socket: WebSocket) => socket.close(CloseCode.Unauthorized, 'Unauthorized: token expired');
  // A timer may fire a little early (libuv counts from the loop's cached time) and cannot wait beyond
  // 2^31-1 ms: until the token has really expired, it is set again for what is left.
  const closeWhenExpired = (socket: WebSocket, at: number) => {
    const msLeft = at - Date.now();
    if (msLeft <= 0) {
      closeExpired(socket);
      return;
    }
    const timer = setTimeout(() => closeWhenExpired(socket, at), Math.min(MAX_TIMER_MS, msLeft));
    timer.unref();
    expiryTimers.set(socket, timer);
  };
  const subscribe = createSharedSubscribe({
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
    channel: (args) => origins.get(args.contextValue as object) ?? null,
    format: (result) => guards.formatResult(result),
    admit: (args) => {
      const socket = origins.get(args.contextValue as object)?.socket;
      if (!socket) return true;
      if (Date.now() < (expiresAt.get(socket) ?? Number.POSITIVE_INFINITY)) return true;
      closeExpired(socket);
      return false;
    },
  });
  const cleanup = useServer(
    {
      schema,
      connectionInitWaitTimeout: 5_000,
      onConnect: async (ctx) => {
        const authorization = ctx.connectionParams?.authorization;
        const bearer = typeof authorization === 'string' ? /^Bearer (\S+)$/.exec(authorization)?.[1] : undefined;
        if (!bearer) {
          ctx.extra.socket.close(CloseCode.Unauthorized, 'Unauthorized: send { authorization: "Bearer <token>" } in connection_init');
          return false;
        }
        try {
          const viewer = await services.tokens.verify(bearer);
          if (viewer.role !== 'ADMIN') {
            ctx.extra.socket.close(CloseCode.Forbidden, 'Forbidden: subscriptions are for admins');
            return false;
          }
          if (!guards.admit(ctx.extra.socket, viewer.id)) {
            ctx.extra.socket.close(TOO_MANY_CONNECTIONS, 'Too many connections for this user');
            return false;
          }
          expiresAt.set(ctx.extra.socket, viewer.expiresAt.getTime());
          closeWhenExpired(ctx.extra.socket, viewer.expiresAt.getTime());
          return true;
        } catch (error) {
          ctx.extra.socket.close(CloseCode.Unauthorized, `Unauthorized: ${(error as Error).message}`.slice(0, 120));
          return false;
        }
      },
      onClose: (ctx) => {
        const timer = expiryTimers.get(ctx.extra.socket);
        if (timer) clearTimeout(timer);
        guards.release(ctx.extra.socket);
      },
      context: async (ctx, id, payload) => {
        const context = await createContext(services, ctx.connectionParams?.authorization, '');
        const role = context.viewer?.role;
        origins.set(context, {
          socket: ctx.extra.socket,
          id,
          // Same text, operation, variables and role: the same result for the same event.
          shareKey: role ? JSON.stringify([role, payload.operationName ?? null, payload.query, payload.variables ?? null]) : null,
        });
        return context;
      },
      subscribe,
      onSubscribe: guards.onSubscribe,
      onNext: guards.onNext,
      onError: guards.onError,
    },
    server,
  );
  // A protocol error (oversized or malformed frame) is the client's doing and ws has already closed the
  // socket for it; graphql-ws would also console.error it. Log it as what it is instead.
  server.on('connection', (socket) => {
    socket.removeAllListeners('error');
    socket.on('error', (error) => options.logger.debug({ err: error }, 'WebSocket protocol error from a client'));
  });
  return {
    server,
    async dispose() {
      await cleanup.dispose();
    },
  };
}
