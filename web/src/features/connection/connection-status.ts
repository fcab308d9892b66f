export type SocketPhase = 'connecting' | 'connected' | 'reconnecting';

export interface ConnectionSnapshot {
  phase: SocketPhase;
  /** True while the API cannot be reached over HTTP or the subscription socket is down. */
  apiUnreachable: boolean;
}

type Listener = () => void;

/**
 * The state of the link to the API, fed by graphql-ws lifecycle events and by the HTTP fetch
 * wrapper; read by React through useSyncExternalStore.
 */
export class ConnectionStatus {
  private snapshot: ConnectionSnapshot = { phase: 'connecting', apiUnreachable: false };
  private everConnected = false;
  private socketDown = false;
  private httpDown = false;
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

  private update(phase: SocketPhase): void {
    const apiUnreachable = this.socketDown || this.httpDown;
    if (phase === this.snapshot.phase && apiUnreachable === this.snapshot.apiUnreachable) return;
    this.snapshot = { phase, apiUnreachable };
    for (const listener of this.listeners) listener();
  }
}
