import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { Client, fetchExchange, mapExchange, subscriptionExchange, type CombinedError } from 'urql';
import { ConnectionStatus } from './connection-status';
import { retryingRateLimits } from './rate-limited-fetch';
import { RefreshBus } from './refresh-bus';

export interface LiveClient {
  client: Client;
  status: ConnectionStatus;
  refresh: RefreshBus;
  dispose: () => void;
}

interface LiveClientOptions {
  token: string;
  onSessionExpired: () => void;
  httpUrl?: string;
  wsUrl?: string;
}

// graphql-ws close codes for a rejected connection_init: the token is missing, invalid or expired.
const authCloseCodes = new Set([4401, 4403]);
const pongTimeoutMs = 5_000;
// Subscriptions wait for the first answers (RefreshBus.firstLoads), but never longer than this.
const firstLoadWaitMs = 5_000;

/**
 * Whether the session is over: the request was refused for its token (401, or UNAUTHENTICATED for the
 * whole operation). UNAUTHENTICATED at a field's path is a wrong password typed into that field
 * (`changePassword`'s current password), which leaves the session as it was.
 */
export function isAuthError(error: CombinedError): boolean {
  const response = error.response as Response | undefined;
  return response?.status === 401 || error.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED' && !(e.path && e.path.length > 0));
}

function defaultWsUrl(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${window.location.host}/graphql`;
}

function isCloseEvent(value: unknown): value is CloseEvent {
  return typeof value === 'object' && value !== null && 'code' in value && 'reason' in value;
}

/**
 * One urql client per signed-in session: queries and mutations over HTTP, subscriptions over one
 * graphql-ws socket that retries forever with capped backoff. Every reconnection asks all live
 * queries to refetch, since events published while the socket was down are gone.
 *
 * There is no cacheExchange: its document cache re-runs every query holding a type a mutation
 * returned (a repair re-ran the audit, "Run check now" the health and the history), on top of the
 * refresh bus. Each live query is refetched by the bus alone, after the events it cares about.
 */
export function createLiveClient({ token, onSessionExpired, httpUrl = '/graphql', wsUrl = defaultWsUrl() }: LiveClientOptions): LiveClient {
  const status = new ConnectionStatus();
  const refresh = new RefreshBus();
  let pongTimer: number | undefined;

  const ws: WsClient = createWsClient({
    url: wsUrl,
    lazy: false,
    connectionParams: () => ({ authorization: `Bearer ${token}` }),
    retryAttempts: Number.POSITIVE_INFINITY,
    retryWait: async (retries) => {
      const delay = Math.min(500 * 2 ** retries, 10_000) * (0.75 + Math.random() * 0.5);
      await new Promise((resolve) => window.setTimeout(resolve, delay));
    },
    shouldRetry: (event) => !(isCloseEvent(event) && authCloseCodes.has(event.code)),
    onNonLazyError: () => {
      // Reported through on.closed below; nothing else to do for a fatal socket error.
    },
    // Protocol pings detect a half-open socket (e.g. a frozen proxy) so the banner appears and the
    // client reconnects. They carry no data: nothing is polled.
    keepAlive: 15_000,
    on: {
      connecting: () => status.socketConnecting(),
      connected: () => {
        if (status.socketConnected()) refresh.emit('reconnected');
      },
      closed: (event) => {
        window.clearTimeout(pongTimer);
        status.socketClosed();
        if (isCloseEvent(event) && authCloseCodes.has(event.code)) onSessionExpired();
      },
      ping: (received) => {
        if (received) return;
        pongTimer = window.setTimeout(() => {
          // 4408: no pong in time; graphql-ws treats it as retryable and reconnects.
          ws.terminate();
        }, pongTimeoutMs);
      },
      pong: (received) => {
        if (received) window.clearTimeout(pongTimer);
      },
    },
  });

  const monitoredFetch: typeof fetch = async (input, init) => {
    try {
      const response = await fetch(input, init);
      // While the API itself is down, a gateway or dev proxy answers 5xx without a GraphQL (JSON) body.
      const isJson = response.headers.get('content-type')?.includes('json') ?? false;
      status.httpReachable(response.status < 500 || isJson);
      return response;
    } catch (error) {
      status.httpReachable(false);
      throw error;
    }
  };

  const subscriptionsMayStart = Promise.race([
    refresh.firstLoads,
    new Promise<void>((resolve) => window.setTimeout(resolve, firstLoadWaitMs)),
  ]);

  const client = new Client({
    url: httpUrl,
    fetch: retryingRateLimits(monitoredFetch, status),
    fetchOptions: () => ({ headers: { authorization: `Bearer ${token}` } }),
    exchanges: [
      mapExchange({
        onError: (error) => {
          if (isAuthError(error)) onSessionExpired();
        },
      }),
      fetchExchange,
      subscriptionExchange({
        forwardSubscription: (request) => ({
          subscribe: (sink) => {
            let unsubscribe: (() => void) | null = null;
            let cancelled = false;
            void subscriptionsMayStart.then(() => {
              if (!cancelled) unsubscribe = ws.subscribe({ ...request, query: request.query ?? '' }, sink);
            });
            return {
              unsubscribe: () => {
                cancelled = true;
                unsubscribe?.();
              },
            };
          },
        }),
      }),
    ],
  });

  return {
    client,
    status,
    refresh,
    dispose: () => {
      window.clearTimeout(pongTimer);
      void ws.dispose();
    },
  };
}

/** A client for the login page: HTTP only, no token, no socket. */
export function createAnonymousClient(httpUrl = '/graphql'): Client {
  return new Client({ url: httpUrl, exchanges: [fetchExchange] });
}
