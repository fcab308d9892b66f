export type RefreshReason = 'reconnected' | 'run-finished' | 'repaired';

type Listener = (reason: RefreshReason) => void;

/**
 * Tells every live query to refetch from the network after an event that changes what it shows.
 * Queries are never re-run on a timer: this bus is the only trigger besides the user.
 */
export class RefreshBus {
  private readonly listeners = new Set<Listener>();

  on(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(reason: RefreshReason): void {
    for (const listener of this.listeners) listener(reason);
  }
}
