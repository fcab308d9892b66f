import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { Specialization } from '../../domain/shared/specialization';
import { SpecializationEnum } from '../common/enums';

@ObjectType('SpecializationProgress', { description: "A student's XP and level in one specialization.", simpleResolvers: true })
export class SpecializationProgressType {
  @Field(() => ID)
  id!: number;

  studentId!: number;

  @Field(() => SpecializationEnum)
  specialization!: Specialization;

  @Field(() => Int)
  totalXp!: number;

  @Field(() => Int)
  currentLevel!: number;

  @Field()
  updatedAt!: Date;
}
