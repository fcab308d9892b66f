import { Field, Float, Int, ObjectType } from 'type-graphql';
import type { HealthState, LiveDetectionState } from '../../domain/integrity/integrity.types';
import { HealthStateEnum } from '../common/enums';
import { CheckRunType } from './check-run.type';
import { LiveDetectionStateEnum } from './live-detection-state.enum';

/** Fields mirror `HealthStatusSnapshot`, so a snapshot (stored or published) is returned as is. */
@ObjectType('HealthStatus', { description: 'Consistency at a glance, from the latest finished check.', simpleResolvers: true })
export class HealthStatusType {
  @Field(() => HealthStateEnum)
  state!: HealthState;

  @Field(() => Float, {
    nullable: true,
    description: 'From the latest finished check, moved by live detection between checks while it runs; null before the first check.',
  })
  consistencyRate!: number | null;

  @Field(() => CheckRunType, { nullable: true, description: 'The latest finished run (succeeded or failed).' })
  lastRun!: CheckRunType | null;

  @Field(() => CheckRunType, { nullable: true, description: 'The run queued or in progress, if any.' })
  activeRun!: CheckRunType | null;

  @Field(() => Date, { nullable: true, description: 'When the next scheduled check fires, if known.' })
  nextScheduledAt!: Date | null;

  @Field({ description: 'An incremental checker is running and caught up: a change from any writer is checked as it commits.' })
  liveDetection!: boolean;

  @Field(() => LiveDetectionStateEnum)
  liveDetectionState!: LiveDetectionState;

  @Field(() => Int, { nullable: true, description: 'Age in ms of the oldest captured change not yet checked; null when none waits.' })
  detectionLagMs!: number | null;
}
