import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { MAX_XP_CHANGE } from '../../domain/progress/progress.types';
import type { Specialization } from '../../domain/shared/specialization';
import { SpecializationEnum } from '../common/enums';

@InputType()
export class ProgressUpdateInput {
  @Field(() => ID)
  studentId!: string;

  @Field(() => SpecializationEnum)
  specialization!: Specialization;

  @Field(() => Int, { description: 'XP to add: a whole number from 1 to 1,000,000.' })
  @IsInt()
  @Min(1)
  @Max(MAX_XP_CHANGE)
  xpChange!: number;

  @Field(() => String, {
    nullable: true,
    description: 'Retries with the same key apply once and return the first result; 1-128 of [A-Za-z0-9_.:-].',
  })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_.:-]{1,128}$/, { message: 'idempotencyKey must be 1 to 128 characters of letters, digits, _ . : -' })
  idempotencyKey?: string | null;
}
