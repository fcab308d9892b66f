import { Allow } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import type { Specialization } from '../../domain/shared/specialization';
import { SpecializationEnum } from '../common/enums';

/** Its rules (ids, XP range, key shape) are ProgressService's, checked once there for every caller. */
@InputType()
export class ProgressUpdateInput {
  @Field(() => ID)
  studentId!: string;

  @Field(() => SpecializationEnum)
  specialization!: Specialization;

  // @Allow: known to class-validator (which refuses objects it knows nothing of), validated by the service.
  @Field(() => Int, { description: 'XP to add: a whole number from 1 to 1,000,000.' })
  @Allow()
  xpChange!: number;

  @Field(() => String, {
    nullable: true,
    description: 'Retries with the same key apply once and return the first result; 1-128 of [A-Za-z0-9_.:-].',
  })
  @Allow()
  idempotencyKey?: string | null;
}
