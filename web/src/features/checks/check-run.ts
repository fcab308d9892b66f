import type { CheckRunFieldsFragment, CheckTrigger } from '../../generated/graphql';

export type CheckRun = CheckRunFieldsFragment;

export function isActive(run: Pick<CheckRun, 'state'> | null | undefined): boolean {
  return run?.state === 'QUEUED' || run?.state === 'RUNNING';
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
