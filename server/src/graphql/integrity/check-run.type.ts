import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import type { CheckRunState, CheckTrigger, HealthState } from '../../domain/integrity/integrity.types';
import { CheckRunStateEnum, CheckTriggerEnum, HealthStateEnum } from '../common/enums';

/** Fields mirror `CheckRunSnapshot`, so a snapshot (stored or published) is returned as is. */
@ObjectType('CheckRun', { description: 'One integrity check (or auto-sync) from queued to finished.', simpleResolvers: true })
export class CheckRunType {
  @Field(() => ID)
  id!: number;

  @Field(() => CheckTriggerEnum)
  trigger!: CheckTrigger;

  @Field(() => CheckRunStateEnum)
  state!: CheckRunState;

  @Field(() => Float, { description: 'From 0 to 1.' })
  progress!: number;

  @Field()
  queuedAt!: Date;

  @Field(() => Date, { nullable: true })
  startedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  finishedAt!: Date | null;

  @Field(() => Int, { nullable: true })
  durationMs!: number | null;

  @Field(() => Int, { nullable: true, description: '(student, specialization) pairs with progress or a license.' })
  pairsChecked!: number | null;

  @Field(() => Int, { nullable: true, description: 'Distinct pairs with at least one violation.' })
  inconsistent!: number | null;

  @Field(() => Float, { nullable: true, description: 'Share of consistent pairs, from 0 to 1.' })
  consistencyRate!: number | null;

  @Field(() => HealthStateEnum, { nullable: true })
  healthState!: HealthState | null;

  @Field(() => Int, { nullable: true, description: 'Repairs made by an auto-sync run before its check.' })
  repairsApplied!: number | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Why the run failed. On a QUEUED or RUNNING run: why its last attempt failed — the run is being retried, and is published FAILED only once its last attempt fails.',
  })
  error!: string | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'A succeeded run: pairs whose violation its sweep opened or resolved although live detection had no change of theirs waiting — each one a change live detection missed (also in the levelsync_live_detection_missed_pairs metric).',
  })
  missedByLiveDetection!: number | null;
}
