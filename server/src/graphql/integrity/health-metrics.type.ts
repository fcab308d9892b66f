import { Field, Float, Int, ObjectType } from 'type-graphql';
import type { ViolationType } from '../../domain/integrity/integrity.types';
import { ViolationTypeEnum } from '../common/enums';

@ObjectType('ViolationCount', { simpleResolvers: true })
export class ViolationCountType {
  @Field(() => ViolationTypeEnum)
  type!: ViolationType;

  @Field(() => Int)
  count!: number;
}

/** Fields mirror `HealthMetricsSnapshot`: stored run results and small indexed counts, cached. */
@ObjectType('HealthMetrics', { description: 'Dashboard numbers, from stored run results (cached, refreshed by events).', simpleResolvers: true })
export class HealthMetricsType {
  @Field(() => Int, { description: 'Pairs in the latest successful check; 0 before the first.' })
  pairsChecked!: number;

  @Field(() => Int)
  openViolations!: number;

  @Field(() => [ViolationCountType], { description: 'Every violation type, zero counts included.' })
  openViolationsByType!: ViolationCountType[];

  @Field(() => Int, { description: 'Runs finished (succeeded or failed) in the last 24 hours.' })
  checksLast24h!: number;

  @Field(() => Int, { description: 'Repairs (auto-sync, manual, enforcer) in the last 24 hours.' })
  repairsLast24h!: number;

  @Field(() => Int, { nullable: true, description: 'Duration of the latest successful check.' })
  lastCheckDurationMs!: number | null;

  @Field(() => Float, { nullable: true, description: 'Mean consistency rate of the successful checks of the last 24 hours.' })
  averageConsistencyRate!: number | null;

  @Field(() => Int, {
    description: 'Pairs the checks of the last 24 hours found broken or fixed although live detection had no change of theirs waiting: each one a change it missed.',
  })
  missedByLiveDetectionLast24h!: number;
}
