import { registerEnumType } from 'type-graphql';
import { REPAIR_ACTIONS } from '../../domain/integrity/repair.types';

export const RepairActionEnum = REPAIR_ACTIONS;

registerEnumType(RepairActionEnum, {
  name: 'RepairAction',
  description: 'What a repair changed: the license follows progress, progress follows XP.',
  valuesConfig: {
    LICENSE_LEVEL_SYNCED: { description: 'LEVEL_MISMATCH: the license level was set to the progress level.' },
    LICENSE_ISSUED: { description: 'MISSING_LICENSE: a license was issued at the progress level (by a repair or the coupling enforcer).' },
    PROGRESS_LEVEL_RECOMPUTED: { description: 'XP_LEVEL_MISMATCH: the progress level was recomputed from XP, and the license followed.' },
    PROGRESS_RESTORED: { description: "ORPHAN_LICENSE: progress was restored at the license's level, with that level's minimum XP." },
  },
});
