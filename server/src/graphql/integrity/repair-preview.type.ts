import { Field, ID, ObjectType } from 'type-graphql';
import type { ViolationType } from '../../domain/integrity/integrity.types';
import type { PairRowChange } from '../../domain/integrity/repair-preview.types';
import type { RepairAction } from '../../domain/integrity/repair.types';
import type { Specialization } from '../../domain/shared/specialization';
import { SpecializationEnum, ViolationTypeEnum } from '../common/enums';
import { PairRowChangeEnum } from './pair-change.enums';
import { PairFieldChangeType } from './pair-field-change.type';
import { RepairActionEnum } from './repair-action.enum';

/** Fields mirror `RepairPreview`, so the domain's answer is returned as is. */
@ObjectType('RepairPreview', {
  description: 'What resyncLicense would do to a pair right now, computed by the same plan it applies. Changes nothing.',
  simpleResolvers: true,
})
export class RepairPreviewType {
  @Field(() => ID)
  studentId!: number;

  @Field(() => SpecializationEnum)
  specialization!: Specialization;

  @Field({ description: 'True when the pair already satisfies the invariant: resyncLicense would answer CONFLICT (ALREADY_CONSISTENT).' })
  alreadyConsistent!: boolean;

  @Field(() => RepairActionEnum, {
    nullable: true,
    description: 'The action the repair would be audited with (as Repair.action); null when already consistent.',
  })
  action!: RepairAction | null;

  @Field(() => ViolationTypeEnum, { nullable: true, description: 'The violation the repair answers first.' })
  violationType!: ViolationType | null;

  @Field(() => PairRowChangeEnum)
  progress!: PairRowChange;

  @Field(() => PairRowChangeEnum)
  license!: PairRowChange;

  @Field(() => [PairFieldChangeType], { description: 'Every number of the pair, before → after, changed or not.' })
  changes!: PairFieldChangeType[];
}
