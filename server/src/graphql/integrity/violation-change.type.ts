import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { ViolationRecord } from '../../domain/integrity/violation.repository';
import { ViolationType } from './violation.type';

/** Fields mirror `ViolationChangeSnapshot`. */
@ObjectType('ViolationChange', { description: 'What one incremental check of changed pairs opened and resolved.', simpleResolvers: true })
export class ViolationChangeType {
  @Field(() => [ViolationType], { description: 'Violations just found, newest last.' })
  opened!: ViolationRecord[];

  @Field(() => [ID], { description: 'Violations just resolved (their pairs are consistent again, or gone).' })
  resolved!: number[];

  @Field(() => Int, { description: 'Open violations after this change.' })
  openCount!: number;

  @Field({ description: 'When the check committed.' })
  detectedAt!: Date;
}
