import type { PubSub } from 'type-graphql';
import { TOPICS } from '../domain/events/topics';
import type { HealthStatusSnapshot } from '../domain/integrity/integrity.types';
import { isOlderRunState } from './check-run-order';
import type { EventBus } from './event-bus';
import { integrityCurrentState } from './integrity-current-state';
import { createLivePubSub } from './live-pub-sub';

export interface CachedHealth {
  status(): Promise<HealthStatusSnapshot>;
  invalidate(): void;
}

/**
 * The API side of live delivery: the pub/sub behind GraphQL subscriptions, and the listener that
 * keeps this replica's cached health fresh to the event (any run change, from any worker).
 */
export function createApiLiveEvents(bus: EventBus, health: CachedHealth): { pubSub: PubSub; stop: () => void } {
  const offRuns = bus.on(TOPICS.CHECK_RUN_UPDATED, () => health.invalidate());
  // Repairs change the open violations and the repair counts the cached metrics hold.
  const offRepairs = bus.on(TOPICS.REPAIRS_MADE, () => health.invalidate());
  // Registered before any subscription's, so re-sent states are read from a fresh cache.
  const offGap = bus.onResubscribed(() => health.invalidate());
  const pubSub = createLivePubSub(bus, integrityCurrentState(health), { [TOPICS.CHECK_RUN_UPDATED]: isOlderRunState });
  return {
    pubSub,
    stop: () => {
      offRuns();
      offRepairs();
      offGap();
    },
  };
}
