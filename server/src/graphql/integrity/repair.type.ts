import { Field, ID, ObjectType } from 'type-graphql';
import type { RepairTrigger } from '../../domain/integrity/integrity.types';
import type { RepairAction } from '../../domain/integrity/repair.types';
import type { Specialization } from '../../domain/shared/specialization';
import { SpecializationEnum } from '../common/enums';
import { RepairActionEnum } from './repair-action.enum';
import { RepairTriggerEnum } from './repair-trigger.enum';

/** Fields mirror `RepairRecord`; `student`, `actor`, `before` and `after` come from RepairResolver. */
@ObjectType('Repair', { description: 'One audited change made to restore the coupling invariant.' })
export class RepairType {
  @Field(() => ID)
  id!: number;

  @Field(() => RepairTriggerEnum)
  trigger!: RepairTrigger;

  @Field(() => RepairActionEnum, { description: 'What the repair changed.' })
  action!: RepairAction;

  studentId!: number;

  @Field(() => SpecializationEnum)
  specialization!: Specialization;

  actorId!: number | null;

  @Field(() => String, { nullable: true, description: 'The auto-sync job that made it.' })
  jobId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The violation it resolved.' })
  violationId!: number | null;

  before!: Record<string, unknown> | null;

  after!: Record<string, unknown> | null;

  @Field()
  createdAt!: Date;
}
