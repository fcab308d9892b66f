import type { Specialization } from '../shared/specialization';
import type { RepairTrigger } from './integrity.types';

/** What a repair did, stored in `repairs.action`. */
export const REPAIR_ACTIONS = {
  /** LEVEL_MISMATCH: the license level is set to the progress level. */
  LICENSE_LEVEL_SYNCED: 'LICENSE_LEVEL_SYNCED',
  /** MISSING_LICENSE: a license is issued at the progress level (the enforcer's action name too). */
  LICENSE_ISSUED: 'LICENSE_ISSUED',
  /** XP_LEVEL_MISMATCH: the progress level is recomputed from XP, and the license follows. */
  PROGRESS_LEVEL_RECOMPUTED: 'PROGRESS_LEVEL_RECOMPUTED',
  /** ORPHAN_LICENSE: progress is restored at the license level, with that level's minimum XP. */
  PROGRESS_RESTORED: 'PROGRESS_RESTORED',
} as const;

export type RepairAction = (typeof REPAIR_ACTIONS)[keyof typeof REPAIR_ACTIONS];

export interface PairKey {
  studentId: number;
  specialization: Specialization;
}

export interface LockedProgress {
  id: number;
  totalXp: number;
  currentLevel: number;
}

export interface LockedLicense {
  id: number;
  currentLevel: number;
  maxAchievedLevel: number;
}

/** Both sides of a pair as JSON in the audit row: `{ progress: {...} | null, license: {...} | null }`. */
export interface PairState {
  progress: { totalXp: number; currentLevel: number } | null;
  license: { currentLevel: number; maxAchievedLevel: number } | null;
}

export interface RepairRecord {
  id: number;
  violationId: number | null;
  studentId: number;
  specialization: Specialization;
  trigger: RepairTrigger;
  actorId: number | null;
  jobId: string | null;
  action: RepairAction;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  createdAt: Date;
}

/** Who a repair is attributed to. */
export interface RepairOrigin {
  trigger: Exclude<RepairTrigger, 'ENFORCER'>;
  actorId: number | null;
  jobId: string | null;
}

/**
 * Repairs committed together, as announced on the event bus: one manual resync, or one transaction
 * of an auto-sync. `resolvedViolationIds` also lists violations found already fixed (no repair made).
 */
export interface RepairBatchSnapshot {
  trigger: RepairOrigin['trigger'];
  actorId: number | null;
  jobId: string | null;
  repairs: RepairRecord[];
  resolvedViolationIds: number[];
  madeAt: Date;
}
