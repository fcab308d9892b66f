export const HEALTH_STATES = ['HEALTHY', 'DEGRADED', 'CRITICAL', 'UNKNOWN'] as const;
export type HealthState = (typeof HEALTH_STATES)[number];

export const CHECK_RUN_STATES = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED'] as const;
export type CheckRunState = (typeof CHECK_RUN_STATES)[number];

export const CHECK_TRIGGERS = ['SCHEDULED', 'MANUAL', 'AUTO_SYNC'] as const;
export type CheckTrigger = (typeof CHECK_TRIGGERS)[number];

export const VIOLATION_TYPES = ['LEVEL_MISMATCH', 'MISSING_LICENSE', 'ORPHAN_LICENSE', 'XP_LEVEL_MISMATCH'] as const;
export type ViolationType = (typeof VIOLATION_TYPES)[number];

/** ON: an incremental checker runs and is caught up; LAGGING: it runs, changes wait too long; OFF: none runs. */
export const LIVE_DETECTION_STATES = ['ON', 'LAGGING', 'OFF'] as const;
export type LiveDetectionState = (typeof LIVE_DETECTION_STATES)[number];

export const REPAIR_TRIGGERS = ['MANUAL', 'AUTO_SYNC', 'ENFORCER'] as const;
export type RepairTrigger = (typeof REPAIR_TRIGGERS)[number];

/** A check run as stored and as published (plain data, safe to serialise across processes). */
export interface CheckRunSnapshot {
  id: number;
  trigger: CheckTrigger;
  state: CheckRunState;
  progress: number;
  queuedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  durationMs: number | null;
  pairsChecked: number | null;
  inconsistent: number | null;
  consistencyRate: number | null;
  healthState: HealthState | null;
  repairsApplied: number | null;
  error: string | null;
  /** A succeeded run: pairs whose violation its sweep opened or resolved with no captured change waiting (live detection missed them). */
  missedByLiveDetection: number | null;
}

export interface HealthStatusSnapshot {
  state: HealthState;
  consistencyRate: number | null;
  lastRun: CheckRunSnapshot | null;
  activeRun: CheckRunSnapshot | null;
  nextScheduledAt: Date | null;
  /** An incremental checker runs and is caught up (liveDetectionState ON). */
  liveDetection: boolean;
  liveDetectionState: LiveDetectionState;
  /** Age of the oldest captured change not yet checked; null when none waits. */
  detectionLagMs: number | null;
}
