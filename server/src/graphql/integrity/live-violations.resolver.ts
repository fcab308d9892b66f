import { Resolver, Root, Subscription } from 'type-graphql';
import { TOPICS } from '../../domain/events/topics';
import type { ViolationChangeSnapshot } from '../../domain/live/live-detection.types';
import { ViolationChangeType } from './violation-change.type';

/**
 * Violations pushed to admins the moment live detection finds or resolves them, from any writer's
 * change (no check run needed). Deltas: nothing is sent on subscribe; read the violations by query,
 * and again after a reconnect or when the subscription ends with EVENTS_MISSED.
 */
@Resolver()
export class LiveViolationsResolver {
  @Subscription(() => ViolationChangeType, {
    topics: TOPICS.VIOLATIONS_CHANGED,
    description:
      'Each incremental check that opened or resolved violations. Ends with CONFLICT (reason EVENTS_MISSED) if events were missed: query again, then resubscribe.',
  })
  violationsChanged(@Root() change: ViolationChangeSnapshot): ViolationChangeSnapshot {
    return change;
  }
}
