import { Field, Int, ObjectType } from 'type-graphql';
import { LicenseType } from './license.type';
import { SpecializationProgressType } from './specialization-progress.type';

@ObjectType('ProgressUpdateResult', { simpleResolvers: true })
export class ProgressUpdateResultType {
  @Field(() => SpecializationProgressType)
  progress!: SpecializationProgressType;

  @Field(() => LicenseType)
  license!: LicenseType;

  @Field(() => Int)
  previousLevel!: number;

  @Field()
  leveledUp!: boolean;
}
