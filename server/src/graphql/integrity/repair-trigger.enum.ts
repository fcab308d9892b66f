import { registerEnumType } from 'type-graphql';
import { REPAIR_TRIGGERS } from '../../domain/integrity/integrity.types';

export const RepairTriggerEnum = Object.fromEntries(REPAIR_TRIGGERS.map((v) => [v, v])) as {
  [K in (typeof REPAIR_TRIGGERS)[number]]: K;
};

registerEnumType(RepairTriggerEnum, {
  name: 'RepairTrigger',
  description: 'Who made a repair: an admin (MANUAL), the auto-sync job, or the coupling enforcer issuing a missing license.',
});
