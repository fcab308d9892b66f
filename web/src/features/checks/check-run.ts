import type { CheckRunFieldsFragment, CheckTrigger } from '../../generated/graphql';

export type CheckRun = CheckRunFieldsFragment;

export function isActive(run: Pick<CheckRun, 'state'> | null | undefined): boolean {
  return run?.state === 'QUEUED' || run?.state === 'RUNNING';
}

export function isFinished(run: Pick<CheckRun, 'state'>): boolean {
  return run.state === 'SUCCEEDED' || run.state === 'FAILED';
}

/**
 * An attempt of this run failed and its job retries it: the server keeps such a run active with the
 * attempt's error (it is never published FAILED until its last attempt fails).
 */
export function isRetrying(run: Pick<CheckRun, 'state' | 'error'>): boolean {
  return isActive(run) && run.error !== null;
}

/** The more recent of two runs (by queue time); either may be missing. */
export function latestRun(a: CheckRun | null | undefined, b: CheckRun | null | undefined): CheckRun | null {
  if (!a) return b ?? null;
  if (!b) return a;
  return Date.parse(b.queuedAt) > Date.parse(a.queuedAt) ? b : a;
}

export const triggerLabel: Record<CheckTrigger, string> = {
  SCHEDULED: 'Scheduled check',
  MANUAL: 'Manual check',
  AUTO_SYNC: 'Auto-sync',
};
