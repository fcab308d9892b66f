import { CheckRun } from '../integrity/check-run.entity';
import { Repair } from '../integrity/repair.entity';
import { Violation } from '../integrity/violation.entity';
import { SpecializationLevel } from '../levels/specialization-level.entity';
import { License } from '../progress/license.entity';
import { SpecializationProgress } from '../progress/specialization-progress.entity';
import { User } from '../users/user.entity';

export const ENTITIES = [User, SpecializationLevel, SpecializationProgress, License, CheckRun, Violation, Repair];
