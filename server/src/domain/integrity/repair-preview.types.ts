import type { Specialization } from '../shared/specialization';
import type { ViolationType } from './integrity.types';
import type { RepairAction } from './repair.types';

/** The four numbers a repair can change, in the order a person reads a pair. */
export const PAIR_FIELDS = ['PROGRESS_TOTAL_XP', 'PROGRESS_LEVEL', 'LICENSE_LEVEL', 'LICENSE_MAX_ACHIEVED_LEVEL'] as const;
export type PairField = (typeof PAIR_FIELDS)[number];

/** What a repair does to one row of the pair. */
export const PAIR_ROW_CHANGES = ['CREATED', 'UPDATED', 'UNCHANGED'] as const;
export type PairRowChange = (typeof PAIR_ROW_CHANGES)[number];

/** One field before → after; `null` where the row does not exist. */
export interface PairFieldChange {
  field: PairField;
  before: number | null;
  after: number | null;
  changed: boolean;
}

/** What `resyncLicense` would do to a pair right now, from the same plan it applies. */
export interface RepairPreview {
  studentId: number;
  specialization: Specialization;
  alreadyConsistent: boolean;
  /** The action the repair would be audited with; `null` when there is nothing to repair. */
  action: RepairAction | null;
  /** The violation type the repair answers first; `null` when there is nothing to repair. */
  violationType: ViolationType | null;
  progress: PairRowChange;
  license: PairRowChange;
  changes: PairFieldChange[];
}
