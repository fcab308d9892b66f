import type { Specialization } from '../shared/specialization';

/** Ceiling on total XP per pair: far above the top level, far below int4 overflow. */
export const MAX_TOTAL_XP = 1_000_000_000;
export const MAX_XP_CHANGE = 1_000_000;

export interface ProgressSnapshot {
  id: number;
  studentId: number;
  specialization: Specialization;
  totalXp: number;
  currentLevel: number;
  updatedAt: Date;
}

export interface LicenseSnapshot {
  id: number;
  userId: number;
  specialization: Specialization;
  currentLevel: number;
  maxAchievedLevel: number;
  updatedAt: Date;
}

export interface ProgressUpdate {
  progress: ProgressSnapshot;
  license: LicenseSnapshot;
  previousLevel: number;
  leveledUp: boolean;
}
