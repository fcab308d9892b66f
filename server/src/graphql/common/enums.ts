import { registerEnumType } from 'type-graphql';
import {
  CHECK_RUN_STATES,
  CHECK_TRIGGERS,
  HEALTH_STATES,
  VIOLATION_TYPES,
} from '../../domain/integrity/integrity.types';
import { ROLES, SPECIALIZATIONS } from '../../domain/shared/specialization';

/** A type-graphql enum object (`{ A: 'A', … }`) from a domain list of values. */
export const asEnum = <T extends string>(values: readonly T[]) =>
  Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };

export const RoleEnum = asEnum(ROLES);
export const SpecializationEnum = asEnum(SPECIALIZATIONS);
export const HealthStateEnum = asEnum(HEALTH_STATES);
export const CheckRunStateEnum = asEnum(CHECK_RUN_STATES);
export const CheckTriggerEnum = asEnum(CHECK_TRIGGERS);
export const ViolationTypeEnum = asEnum(VIOLATION_TYPES);

registerEnumType(RoleEnum, { name: 'Role', description: 'What a user may do.' });
registerEnumType(SpecializationEnum, { name: 'Specialization', description: 'A track students earn XP in.' });
registerEnumType(HealthStateEnum, { name: 'HealthState', description: 'Consistency of progress and licenses, from the latest finished check.' });
registerEnumType(CheckRunStateEnum, { name: 'CheckRunState' });
registerEnumType(CheckTriggerEnum, { name: 'CheckTrigger' });
registerEnumType(ViolationTypeEnum, { name: 'ViolationType' });
