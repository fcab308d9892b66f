import type { CheckRunSnapshot } from '../../domain/integrity/integrity.types';

const STATE_RANK = { QUEUED: 0, RUNNING: 1, SUCCEEDED: 2, FAILED: 2 } as const;

/** True when `event` describes an earlier (or the same) moment of the same run than `current` (state, then progress). */
export function isOlderRunState(event: CheckRunSnapshot, current: CheckRunSnapshot): boolean {
  if (event.id !== current.id) return false;
  const byState = STATE_RANK[event.state] - STATE_RANK[current.state];
  return byState < 0 || (byState === 0 && event.progress <= current.progress);
}
