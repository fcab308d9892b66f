import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface Received<T> {
  data: T;
  at: number;
}

/** A graphql-ws client (the `graphql-ws` package over `ws`) that records every message of one subscription. */
export class LiveSubscription<T> {
  readonly received: Array<Received<T>> = [];
  /** Errors of the operation itself (say, FORBIDDEN for a role the subscription is not for). */
  readonly errors: Array<{ message: string; extensions?: Record<string, unknown> }> = [];
  completed = false;
  closeCode: number | null = null;
  private readonly client: Client;
  private readonly listeners = new Set<() => void>();

  constructor(url: string, query: string, authorization?: string) {
    this.client = createClient({
      url,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: true,
      connectionParams: authorization ? { authorization } : undefined,
    });
    this.client.subscribe<T>(
      { query },
      {
        next: (message) => {
          if (message.errors) this.errors.push(...(message.errors as LiveSubscription<T>['errors']));
          if (message.data !== undefined && message.data !== null) this.received.push({ data: message.data as T, at: Date.now() });
          for (const listener of this.listeners) listener();
        },
        error: (error) => {
          this.closeCode = (error as { code?: number }).code ?? -1;
          for (const listener of this.listeners) listener();
        },
        complete: () => {
          this.completed = true;
          for (const listener of this.listeners) listener();
        },
      },
    );
  }

  /** Resolves once a received message satisfies `test` (past or future). */
  waitFor(test: (data: T) => boolean, timeoutMs = 20_000): Promise<Received<T>> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const hit = this.received.find((r) => test(r.data));
        if (hit) {
          this.listeners.delete(check);
          clearTimeout(timer);
          resolve(hit);
        } else if (this.closeCode !== null) {
          this.listeners.delete(check);
          clearTimeout(timer);
          reject(new Error(`subscription closed with ${this.closeCode}`));
        }
      };
      const timer = setTimeout(() => {
        this.listeners.delete(check);
        reject(new Error(`no matching message within ${timeoutMs} ms; got ${JSON.stringify(this.received.map((r) => r.data))}`));
      }, timeoutMs);
      this.listeners.add(check);
      check();
    });
  }

  /** Resolves with the close code of a refused connection. */
  waitForClose(timeoutMs = 10_000): Promise<number> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the connection was not closed')), timeoutMs);
      const check = () => {
        if (this.closeCode === null) return;
        clearTimeout(timer);
        this.listeners.delete(check);
        resolve(this.closeCode);
      };
      this.listeners.add(check);
      check();
    });
  }

  /** Resolves with the operation's errors once the server has completed it (a refused subscription). */
  waitForRefusal(timeoutMs = 10_000): Promise<LiveSubscription<T>['errors']> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the subscription was not refused')), timeoutMs);
      const check = () => {
        if (this.closeCode !== null) {
          clearTimeout(timer);
          this.listeners.delete(check);
          reject(new Error(`the connection was closed with ${this.closeCode}`));
        } else if (this.completed) {
          clearTimeout(timer);
          this.listeners.delete(check);
          resolve(this.errors);
        }
      };
      this.listeners.add(check);
      check();
    });
  }

  dispose(): Promise<void> {
    return Promise.resolve(this.client.dispose());
  }
}
