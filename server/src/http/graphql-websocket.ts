import type { GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type { Server } from 'node:http';
import { WebSocketServer } from 'ws';
import type { Logger } from '../domain/logging/logger';
import type { SessionsService } from '../domain/auth/sessions.service';
import type { Orm } from '../domain/database/database';
import type { GraphQLContexts } from '../graphql/context';
import { WebSocketConnectionAuth } from './websocket-connection-auth';
import { createWebSocketExecution } from './websocket-execution';
import type { WebSocketGuards } from './websocket-guards';

export const WS_MAX_PAYLOAD = 64 * 1024;

export interface GraphQLWebSocket {
  readonly server: WebSocketServer;
  dispose(): Promise<void>;
}

/**
 * graphql-ws on the same path as HTTP: the socket server and its lifecycle. Who may connect is
 * websocket-connection-auth.ts, what each operation must pass is websocket-guards.ts, and how it
 * runs (scopes, shared executions) is websocket-execution.ts.
 */
export function createGraphQLWebSocket(options: {
  schema: GraphQLSchema;
  orm: Orm;
  sessions: SessionsService;
  contexts: GraphQLContexts;
  httpServer: Server;
  logger: Logger;
  /** Origin, connection, rate and shape limits: see websocket-guards.ts. */
  guards: WebSocketGuards;
  path?: string;
}): GraphQLWebSocket {
  const { schema, orm, sessions, contexts, guards } = options;
  const server = new WebSocketServer({
    server: options.httpServer,
    path: options.path ?? '/graphql',
    maxPayload: WS_MAX_PAYLOAD,
    verifyClient: guards.verifyClient,
  });
  const auth = new WebSocketConnectionAuth(sessions, guards);
  const cleanup = useServer(
    {
      schema,
      connectionInitWaitTimeout: 5_000,
      onConnect: auth.onConnect,
      onClose: auth.onClose,
      ...createWebSocketExecution({ orm, contexts, guards, auth }),
      onSubscribe: guards.onSubscribe,
      onNext: guards.onNext,
      onError: guards.onError,
    },
    server,
  );
  // A protocol error (oversized or malformed frame) is the client's doing and ws has already closed the
  // socket for it; graphql-ws would also console.error it. Log it as what it is instead.
  const protocolError = (error: Error) => options.logger.debug({ err: error }, 'WebSocket protocol error from a client');
  server.on('connection', (socket) => {
    socket.removeAllListeners('error');
    socket.on('error', protocolError);
  });
  return {
    server,
    async dispose() {
      await cleanup.dispose();
    },
  };
}
