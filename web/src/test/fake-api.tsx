import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { Client, fetchExchange, Provider, subscriptionExchange } from 'urql';
import { ConnectionStatus } from '../features/connection/connection-status';
import { LiveContext } from '../features/connection/live-context';
import { RefreshBus } from '../features/connection/refresh-bus';

type Json = Record<string, unknown>;
export interface FakeResponse {
  status?: number;
  body: { data?: Json | null; errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Json }> };
}
type Answer = (operationName: string, variables: Json) => FakeResponse | Promise<FakeResponse>;
interface Sink {
  next: (value: { data: Json }) => void;
  error: (errors: Array<{ message: string; extensions?: Json }>) => void;
}

/**
 * A real urql client whose network is a function: HTTP operations are answered by `answer`, and
 * subscription events are pushed by the test. Every hook and exchange above the network is real.
 */
export function createFakeApi(answer: Answer) {
  const calls: Array<{ operationName: string; variables: Json }> = [];
  const subscribers = new Map<string, Set<Sink>>();

  const client = new Client({
    url: 'http://levelsync.test/graphql',
    requestPolicy: 'network-only',
    fetch: async (_input, init) => {
      const body = JSON.parse(String(init?.body)) as { operationName: string; variables?: Json };
      calls.push({ operationName: body.operationName, variables: body.variables ?? {} });
      const response = await answer(body.operationName, body.variables ?? {});
      return new Response(JSON.stringify(response.body), { status: response.status ?? 200, headers: { 'content-type': 'application/json' } });
    },
    exchanges: [
      fetchExchange,
      subscriptionExchange({
        forwardSubscription: (request) => ({
          subscribe: (sink) => {
            const name = request.operationName ?? '';
            const set = subscribers.get(name) ?? new Set<Sink>();
            subscribers.set(name, set);
            set.add(sink);
            return { unsubscribe: () => set.delete(sink) };
          },
        }),
      }),
    ],
  });

  return {
    client,
    calls,
    status: new ConnectionStatus(),
    refresh: new RefreshBus(),
    push(operationName: string, data: Json) {
      for (const sink of subscribers.get(operationName) ?? []) sink.next({ data });
    },
    /** Ends every subscription of the operation with GraphQL errors, as graphql-ws's `error` message does. */
    pushError(operationName: string, errors: Array<{ message: string; extensions?: Json }>) {
      const set = subscribers.get(operationName) ?? new Set<Sink>();
      for (const sink of [...set]) {
        set.delete(sink); // an operation that errored is over on the transport's side too
        sink.error(errors);
      }
    },
    subscriberCount(operationName: string) {
      return subscribers.get(operationName)?.size ?? 0;
    },
    callsTo(operationName: string) {
      return calls.filter((call) => call.operationName === operationName);
    },
  };
}

export type FakeApi = ReturnType<typeof createFakeApi>;

export function renderWithApi(ui: ReactElement, api: FakeApi) {
  return render(
    <Provider value={api.client}>
      <LiveContext.Provider value={{ status: api.status, refresh: api.refresh }}>{ui}</LiveContext.Provider>
    </Provider>,
  );
}

export const ok = (data: Json): FakeResponse => ({ body: { data } });
export const fail = (code: string, message = code, status = 200): FakeResponse => ({ status, body: { data: null, errors: [{ message, extensions: { code } }] } });
