import { registerEnumType } from 'type-graphql';
import { REPAIR_TRIGGERS } from '../../domain/integrity/integrity.types';
import { asEnum } from '../common/enums';

export const RepairTriggerEnum = asEnum(REPAIR_TRIGGERS);

registerEnumType(RepairTriggerEnum, {
  name: 'RepairTrigger',
  description: 'Who made a repair: an admin (MANUAL), the auto-sync job, or the coupling enforcer issuing a missing license.',
});
