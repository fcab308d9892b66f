import type { LevelTable } from '../levels/level-table';
import { checkSpecialization } from '../progress/progress.service';
import { parseId } from '../shared/ids';
import { absentPairError } from './absent-pair';
import { planRepair, type RepairPlan } from './repair-plan';
import type { RepairRepository } from './repair.repository';
import type { PairField, PairFieldChange, PairRowChange, RepairPreview } from './repair-preview.types';
import type { PairKey, PairState } from './repair.types';

const FIELD_OF: Record<PairField, (state: PairState) => number | null> = {
  PROGRESS_TOTAL_XP: (s) => s.progress?.totalXp ?? null,
  PROGRESS_LEVEL: (s) => s.progress?.currentLevel ?? null,
  LICENSE_LEVEL: (s) => s.license?.currentLevel ?? null,
  LICENSE_MAX_ACHIEVED_LEVEL: (s) => s.license?.maxAchievedLevel ?? null,
};

function rowChange(write: { create: boolean } | null): PairRowChange {
  if (!write) return 'UNCHANGED';
  return write.create ? 'CREATED' : 'UPDATED';
}

/** A plan (or its absence) as the field-by-field changes an admin confirms. */
function describePlan(pair: PairKey, plan: RepairPlan | null, current: PairState): RepairPreview {
  const before = plan?.before ?? current;
  const after = plan?.after ?? current;
  const changes = (Object.keys(FIELD_OF) as PairField[]).map((field): PairFieldChange => {
    const [from, to] = [FIELD_OF[field](before), FIELD_OF[field](after)];
    return { field, before: from, after: to, changed: from !== to };
  });
  return {
    ...pair,
    alreadyConsistent: plan === null,
    action: plan?.action ?? null,
    violationType: plan?.primaryType ?? null,
    progress: rowChange(plan?.progress ?? null),
    license: rowChange(plan?.license ?? null),
    changes,
  };
}

/**
 * Answers "what would a resync do to this pair?" without doing it: the pair as it is now (read
 * without locks, one snapshot) through the very `planRepair` the resync applies under its locks.
 * If the pair changes in between, the resync plans again and its audit row says what it did.
 */
export class RepairPreviewService {
  constructor(
    private readonly repairs: RepairRepository,
    private readonly levels: LevelTable,
  ) {}

  /** Who may preview is the permission table's decision (domain/auth/permissions.ts). */
  async preview(studentIdRaw: string, specializationRaw: string): Promise<RepairPreview> {
    const pair: PairKey = { studentId: parseId(studentIdRaw, 'studentId'), specialization: checkSpecialization(specializationRaw) };
    const { progress, license } = await this.repairs.readPair(pair);
    if (!progress && !license) throw await absentPairError(this.repairs, pair);
    const current: PairState = {
      progress: progress && { totalXp: progress.totalXp, currentLevel: progress.currentLevel },
      license: license && { currentLevel: license.currentLevel, maxAchievedLevel: license.maxAchievedLevel },
    };
    return describePlan(pair, planRepair(this.levels, pair.specialization, progress, license), current);
  }
}
