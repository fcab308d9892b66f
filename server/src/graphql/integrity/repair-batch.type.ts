import { Field, ID, ObjectType } from 'type-graphql';
import type { RepairTrigger } from '../../domain/integrity/integrity.types';
import type { RepairRecord } from '../../domain/integrity/repair.types';
import { RepairTriggerEnum } from './repair-trigger.enum';
import { RepairType } from './repair.type';

/** Fields mirror `RepairBatchSnapshot`. */
@ObjectType('RepairBatch', {
  description: 'Repairs committed together: one resyncLicense, or one batch (up to 200 pairs) of an auto-sync.',
})
export class RepairBatchType {
  @Field(() => RepairTriggerEnum)
  trigger!: RepairTrigger;

  @Field(() => String, { nullable: true, description: 'The auto-sync job that made them; null for an admin.' })
  jobId!: string | null;

  @Field(() => [RepairType], { description: 'The audited repairs, possibly none (see resolvedViolationIds).' })
  repairs!: RepairRecord[];

  @Field(() => [ID], {
    description: 'Every violation these repairs resolved, plus stale ones of pairs found already consistent.',
  })
  resolvedViolationIds!: number[];

  @Field({ description: 'When the batch was committed.' })
  madeAt!: Date;
}
