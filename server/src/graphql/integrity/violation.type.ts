import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { ViolationType as ViolationKind } from '../../domain/integrity/integrity.types';
import type { Specialization } from '../../domain/shared/specialization';
import { SpecializationEnum, ViolationTypeEnum } from '../common/enums';

/** Fields mirror `ViolationRecord`; `student` and `expectedLevel` come from ViolationResolver. */
@ObjectType('Violation', { description: 'A pair breaking the coupling invariant, from first seen until resolved.', simpleResolvers: true })
export class ViolationType {
  @Field(() => ID)
  id!: number;

  @Field(() => ViolationTypeEnum)
  type!: ViolationKind;

  studentId!: number;

  @Field(() => SpecializationEnum)
  specialization!: Specialization;

  @Field(() => Int, { nullable: true, description: 'Progress level when last seen; null without progress.' })
  progressLevel!: number | null;

  @Field(() => Int, { nullable: true, description: 'License level when last seen; null without a license.' })
  licenseLevel!: number | null;

  @Field(() => Int, { nullable: true, description: 'Total XP when last seen; null without progress.' })
  totalXp!: number | null;

  @Field()
  firstSeenAt!: Date;

  @Field({ description: 'The last check that still found it.' })
  lastSeenAt!: Date;

  @Field(() => Date, { nullable: true })
  resolvedAt!: Date | null;
}
