export type SocketPhase = 'connecting' | 'connected' | 'reconnecting';

export interface ConnectionSnapshot {
  phase: SocketPhase;
  /** True while the API cannot be reached over HTTP or the subscription socket is down. */
  apiUnreachable: boolean;
  /** While requests wait out a 429: when the API said the budget allows the next one (epoch ms). */
  rateLimitedUntil: number | null;
}

type Listener = () => void;

/**
 * The state of the link to the API, fed by graphql-ws lifecycle events and by the HTTP fetch
 * wrapper; read by React through useSyncExternalStore.
 */
export class ConnectionStatus {
  private snapshot: ConnectionSnapshot = { phase: 'connecting', apiUnreachable: false, rateLimitedUntil: null };
  private everConnected = false;
  private socketDown = false;
  private httpDown = false;
  private readonly rateLimitWaits = new Map<symbol, number>();
  private readonly listeners = new Set<Listener>();

  readonly subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): ConnectionSnapshot => this.snapshot;

  socketConnecting(): void {
    this.update(this.everConnected ? 'reconnecting' : 'connecting');
  }

  /** Returns true when this is a reconnection, i.e. events may have been missed. */
  socketConnected(): boolean {
    const reconnected = this.everConnected;
    this.everConnected = true;
    this.socketDown = false;
    this.update('connected');
    return reconnected;
  }

  socketClosed(): void {
    this.socketDown = true;
    this.update(this.everConnected ? 'reconnecting' : 'connecting');
  }

  httpReachable(reachable: boolean): void {
    this.httpDown = !reachable;
    this.update(this.snapshot.phase);
  }

  /** A request was refused with 429 and waits until `until` to be sent again; call the result when it is. */
  rateLimited(until: number): () => void {
    const wait = Symbol('rate-limit wait');
    this.rateLimitWaits.set(wait, until);
    this.update(this.snapshot.phase);
    return () => {
      this.rateLimitWaits.delete(wait);
      this.update(this.snapshot.phase);
    };
  }

  private update(phase: SocketPhase): void {
    const apiUnreachable = this.socketDown || this.httpDown;
    const rateLimitedUntil = this.rateLimitWaits.size > 0 ? Math.max(...this.rateLimitWaits.values()) : null;
    const same = phase === this.snapshot.phase && apiUnreachable === this.snapshot.apiUnreachable;
    if (same && rateLimitedUntil === this.snapshot.rateLimitedUntil) return;
    this.snapshot = { phase, apiUnreachable, rateLimitedUntil };
    for (const listener of this.listeners) listener();
  }
}
