import { Field, ID, InputType, Int } from 'type-graphql';
import type { Specialization } from '../../domain/shared/specialization';
import { SpecializationEnum } from '../common/enums';

/** Its rules (ids, XP range, key shape) are ProgressService's, checked once there for every caller (not by class-validator: `updateProgress` takes it with `validate: false`). */
@InputType()
export class ProgressUpdateInput {
  @Field(() => ID)
  studentId!: string;

  @Field(() => SpecializationEnum)
  specialization!: Specialization;

  @Field(() => Int, { description: 'XP to add: a whole number from 1 to 1,000,000.' })
  xpChange!: number;

  @Field(() => String, {
    nullable: true,
    description: 'Retries with the same key apply once and return the first result; 1-128 of [A-Za-z0-9_.:-].',
  })
  idempotencyKey?: string | null;
}
