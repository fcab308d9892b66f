import { Field, Float, ObjectType } from 'type-graphql';
import type { HealthState } from '../../domain/integrity/integrity.types';
import { HealthStateEnum } from '../common/enums';
import { CheckRunType } from './check-run.type';

/** Fields mirror `HealthStatusSnapshot`, so a snapshot (stored or published) is returned as is. */
@ObjectType('HealthStatus', { description: 'Consistency at a glance, from the latest finished check.', simpleResolvers: true })
export class HealthStatusType {
  @Field(() => HealthStateEnum)
  state!: HealthState;

  @Field(() => Float, { nullable: true, description: 'From the latest finished check; null before the first.' })
  consistencyRate!: number | null;

  @Field(() => CheckRunType, { nullable: true, description: 'The latest finished run (succeeded or failed).' })
  lastRun!: CheckRunType | null;

  @Field(() => CheckRunType, { nullable: true, description: 'The run queued or in progress, if any.' })
  activeRun!: CheckRunType | null;

  @Field(() => Date, { nullable: true, description: 'When the next scheduled check fires, if known.' })
  nextScheduledAt!: Date | null;
}
