import type { LiveDetectionState } from '../integrity/integrity.types';
import type { ViolationRecord } from '../integrity/violation.repository';

/** A change older than this waiting for its check makes live detection LAGGING. */
export const CAUGHT_UP_LAG_MS = 2_000;

/**
 * The one live checker: whichever worker holds this session-level advisory lock (two-int form:
 * class, object) on its listening connection. PostgreSQL drops it the moment that session ends.
 */
export const LIVE_CHECKER_LOCK = [7_310_424, 2] as const;

/** The channel the change-capture triggers notify (migration 20261202-live-detection). */
export const PAIR_CHANGES_CHANNEL = 'levelsync_pair_changes';

/** Live detection as the health status reports it. */
export interface LiveDetectionStatus {
  state: LiveDetectionState;
  /** Age of the oldest captured change not yet checked; null when none waits. */
  lagMs: number | null;
  /** Distinct pairs with an open violation now. */
  openPairs: number;
}

/** What one incremental batch changed, as published (`violationsChanged`): a delta. */
export interface ViolationChangeSnapshot {
  opened: ViolationRecord[];
  resolved: number[];
  /** Open violations after this batch. */
  openCount: number;
  detectedAt: Date;
}
