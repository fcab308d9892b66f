export type RefreshReason = 'reconnected' | 'run-finished' | 'repaired' | 'violations-changed' | 'alerts-changed';

/** What most answers depend on: a reconnect (events may have been missed) and a finished run. */
export const afterRunsAndReconnects: readonly RefreshReason[] = ['reconnected', 'run-finished'];
/** Lists and counts of violations and repairs change with every repair too. */
export const afterRepairsToo: readonly RefreshReason[] = ['reconnected', 'run-finished', 'repaired'];
/** ...and with what live detection opens and resolves between checks. */
export const afterLiveDetectionToo: readonly RefreshReason[] = [...afterRepairsToo, 'violations-changed'];

/** Alerts, rules' states and deliveries change with every alert transition (alertsChanged). */
export const afterAlertChanges: readonly RefreshReason[] = ['reconnected', 'alerts-changed'];

type Listener = (reason: RefreshReason) => void;

/**
 * Tells every live query that an event may have changed what it shows; each query decides whether
 * it cares and when to refetch (useLiveQuery, RefetchScheduler). Queries are never re-run on a
 * timer: this bus is the only trigger besides the user.
 *
 * It also knows when the dashboard's first answers are in. The live client holds its subscriptions
 * back until then: each subscription first receives the current state (the latest run), and only
 * once the queries have answered can the dashboard tell that snapshot from news. Subscribed earlier,
 * the snapshot of the run the queries are about to return looked like a finished run, and every
 * sign-in sent each query twice.
 */
export class RefreshBus {
  private readonly listeners = new Set<Listener>();
  private pendingFirstLoads = 0;
  private firstLoadsSettled = false;
  private settle!: () => void;
  /** Resolves once every live query mounted so far has its first answer (data or error). */
  readonly firstLoads = new Promise<void>((resolve) => {
    this.settle = resolve;
  });

  on(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(reason: RefreshReason): void {
    for (const listener of this.listeners) listener(reason);
  }

  /** A live query waiting for its first answer; call the returned function when it has one (or unmounts). */
  trackFirstLoad(): () => void {
    if (this.firstLoadsSettled) return () => {};
    this.pendingFirstLoads += 1;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.pendingFirstLoads -= 1;
      // Checked a turn later: the queries of one render register in effects that run one after another.
      setTimeout(() => {
        if (this.pendingFirstLoads > 0 || this.firstLoadsSettled) return;
        this.firstLoadsSettled = true;
        this.settle();
      }, 0);
    };
  }
}
