import { Resolver, Root, Subscription } from 'type-graphql';
import { TOPICS } from '../../domain/events/topics';
import type { CheckRunSnapshot, HealthStatusSnapshot } from '../../domain/integrity/integrity.types';
import { CheckRunType } from './check-run.type';
import { HealthStatusType } from './health-status.type';

/**
 * Pushed to admins over graphql-ws. Each subscription first receives the current state (see
 * graphql/subscriptions/live-pub-sub.ts), then every event from any worker, relayed by every API replica.
 */
@Resolver()
export class LiveIntegrityResolver {
  @Subscription(() => CheckRunType, {
    topics: TOPICS.CHECK_RUN_UPDATED,
    description: 'The active (else latest) run first, then every state change and progress step of any run.',
  })
  checkRunUpdated(@Root() run: CheckRunSnapshot): CheckRunSnapshot {
    return run;
  }

  @Subscription(() => HealthStatusType, {
    topics: TOPICS.HEALTH_STATUS_CHANGED,
    description: 'The current health first, then the health after each finished run.',
  })
  healthStatusChanged(@Root() status: HealthStatusSnapshot): HealthStatusSnapshot {
    return status;
  }
}
