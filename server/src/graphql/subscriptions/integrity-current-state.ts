import type { HealthStatusSnapshot } from '../../domain/integrity/integrity.types';
import type { CurrentState } from './live-pub-sub';

/** Runs one read in a unit of work of its own (an EntityManager scope). */
export type ReadScope = <T>(read: () => Promise<T>) => Promise<T>;

/** What a new subscriber is sent first: the run in progress (else the latest), and the health now. */
export function integrityCurrentState(health: { status(): Promise<HealthStatusSnapshot> }, scope: ReadScope): CurrentState {
  return {
    CHECK_RUN_UPDATED: () =>
      scope(async () => {
        const status = await health.status();
        return status.activeRun ?? status.lastRun;
      }),
    HEALTH_STATUS_CHANGED: () => scope(() => health.status()),
    // Repairs are deltas, not a state: a new subscriber reads the current violations and audit by query.
    REPAIRS_MADE: async () => null,
    // Likewise the violations live detection opens and resolves.
    VIOLATIONS_CHANGED: async () => null,
    // Alert transitions too: a new subscriber reads the alerts by query.
    ALERTS_CHANGED: async () => null,
  };
}
