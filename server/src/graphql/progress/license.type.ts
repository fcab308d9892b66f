import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { Specialization } from '../../domain/shared/specialization';
import { SpecializationEnum } from '../common/enums';

@ObjectType('License', { description: "A student's license in one specialization; its level follows their progress.", simpleResolvers: true })
export class LicenseType {
  @Field(() => ID)
  id!: number;

  @Field(() => SpecializationEnum)
  specialization!: Specialization;

  @Field(() => Int)
  currentLevel!: number;

  @Field(() => Int)
  maxAchievedLevel!: number;

  @Field()
  updatedAt!: Date;
}
