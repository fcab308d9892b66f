import WebSocket from 'ws';

export interface WsMessage {
  id?: string;
  type: string;
  payload?: unknown;
}

export interface WsSession {
  readonly socket: WebSocket;
  /** Resolves with the close code and reason (also when the upgrade itself is refused: code 1006). */
  readonly closed: Promise<{ code: number; reason: string }>;
  /** Resolves with the HTTP status when the server refuses the upgrade. */
  readonly refused: Promise<number>;
  /** Sends connection_init; resolves true on connection_ack, false if the socket closes first. */
  init(payload?: Record<string, unknown>): Promise<boolean>;
  /** Sends `subscribe` and resolves with the first `next` or `error` message for that id. */
  request(id: string, query: string, variables?: Record<string, unknown>, operationName?: string): Promise<WsMessage>;
  send(raw: string): void;
  close(): void;
}

/** A raw graphql-transport-ws client: tests need close codes and raw error payloads, which graphql-ws's client hides. */
export function openWsSession(url: string, options: { origin?: string } = {}): WsSession {
  const socket = new WebSocket(url, 'graphql-transport-ws', options.origin ? { origin: options.origin } : {});
  const messages: WsMessage[] = [];
  const waiters: Array<() => void> = [];
  socket.on('message', (data) => {
    messages.push(JSON.parse(String(data)) as WsMessage);
    for (const wake of waiters.splice(0)) wake();
  });
  let settleRefused: (status: number) => void = () => undefined;
  const refused = new Promise<number>((resolve) => (settleRefused = resolve));
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    // With this listener ws leaves a refused upgrade open: record the status and tear the request down.
    socket.on('unexpected-response', (request, response) => {
      settleRefused(response.statusCode ?? 0);
      response.resume();
      request.destroy();
      resolve({ code: 1006, reason: `HTTP ${response.statusCode}` });
    });
    socket.on('close', (code, reason) => {
      resolve({ code, reason: String(reason) });
      for (const wake of waiters.splice(0)) wake();
    });
    socket.on('error', () => resolve({ code: 1006, reason: 'error' }));
  });
  const opened = new Promise<boolean>((resolve) => {
    void closed.then(() => resolve(false));
    socket.on('open', () => resolve(true));
    socket.on('error', () => resolve(false));
    socket.on('close', () => resolve(false));
  });
  const next = async (match: (m: WsMessage) => boolean): Promise<WsMessage | undefined> => {
    for (;;) {
      const index = messages.findIndex(match);
      if (index >= 0) return messages.splice(index, 1)[0];
      if (socket.readyState === WebSocket.CLOSED) return undefined;
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
  return {
    socket,
    closed,
    refused,
    async init(payload) {
      if (!(await opened)) return false;
      socket.send(JSON.stringify({ type: 'connection_init', ...(payload ? { payload } : {}) }));
      return (await next((m) => m.type === 'connection_ack')) !== undefined;
    },
    async request(id, query, variables, operationName) {
      const payload = { query, ...(variables ? { variables } : {}), ...(operationName ? { operationName } : {}) };
      socket.send(JSON.stringify({ id, type: 'subscribe', payload }));
      const message = await next((m) => m.id === id && (m.type === 'next' || m.type === 'error'));
      if (!message) throw new Error(`socket closed before an answer to ${id}`);
      return message;
    },
    send: (raw) => socket.send(raw),
    close: () => socket.close(),
  };
}
