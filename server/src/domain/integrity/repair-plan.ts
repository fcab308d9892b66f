import type { LevelTable } from '../levels/level-table';
import type { Specialization } from '../shared/specialization';
import type { ViolationType } from './integrity.types';
import { REPAIR_ACTIONS, type LockedLicense, type LockedProgress, type PairState, type RepairAction } from './repair.types';

/** The rows a pair should end with, and why; `null` when the pair already satisfies the invariant. */
export interface RepairPlan {
  action: RepairAction;
  /** The violation type this repair answers first (its violation is linked from the audit row). */
  primaryType: ViolationType;
  /** Progress to write: a new row when the pair had none, else the recomputed level. */
  progress: { totalXp: number; currentLevel: number; create: boolean } | null;
  /** License to write: a new row when the pair had none. */
  license: { currentLevel: number; maxAchievedLevel: number; create: boolean } | null;
  before: PairState;
  after: PairState;
}

/**
 * License follows progress, progress follows XP. An orphan license (no progress) is never deleted:
 * a credential a student holds must not silently vanish, so progress is restored at the license's
 * level with that level's minimum XP (the least XP consistent with it), and an admin can see it in
 * the audit.
 */
export function planRepair(
  levels: LevelTable,
  specialization: Specialization,
  progress: LockedProgress | null,
  license: LockedLicense | null,
): RepairPlan | null {
  const before: PairState = {
    progress: progress && { totalXp: progress.totalXp, currentLevel: progress.currentLevel },
    license: license && { currentLevel: license.currentLevel, maxAchievedLevel: license.maxAchievedLevel },
  };
  if (!progress && !license) return null;
  if (!progress) {
    const level = license!.currentLevel;
    const totalXp = levels.levelsOf(specialization).find((r) => r.level === level)?.minXp ?? 0;
    return {
      action: REPAIR_ACTIONS.PROGRESS_RESTORED,
      primaryType: 'ORPHAN_LICENSE',
      progress: { totalXp, currentLevel: level, create: true },
      license: null,
      before,
      after: { progress: { totalXp, currentLevel: level }, license: before.license },
    };
  }

  const level = levels.levelForXp(specialization, progress.totalXp);
  const progressChanges = level !== progress.currentLevel;
  const licenseChanges = !license || license.currentLevel !== level;
  if (!progressChanges && !licenseChanges) return null;

  const newLicense = { currentLevel: level, maxAchievedLevel: Math.max(license?.maxAchievedLevel ?? level, level) };
  const [action, primaryType]: [RepairAction, ViolationType] = progressChanges
    ? [REPAIR_ACTIONS.PROGRESS_LEVEL_RECOMPUTED, 'XP_LEVEL_MISMATCH']
    : !license
      ? [REPAIR_ACTIONS.LICENSE_ISSUED, 'MISSING_LICENSE']
      : [REPAIR_ACTIONS.LICENSE_LEVEL_SYNCED, 'LEVEL_MISMATCH'];
  return {
    action,
    primaryType,
    progress: progressChanges ? { totalXp: progress.totalXp, currentLevel: level, create: false } : null,
    license: licenseChanges ? { ...newLicense, create: !license } : null,
    before,
    after: {
      progress: { totalXp: progress.totalXp, currentLevel: level },
      license: licenseChanges ? newLicense : before.license,
    },
  };
}
