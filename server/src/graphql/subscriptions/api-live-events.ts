import type { PubSub } from 'type-graphql';
import type { Orm } from '../../domain/database/database';
import { withEntityManager } from '../../domain/database/entity-manager-scope';
import { TOPICS } from '../../domain/events/topics';
import type { HealthStatusSnapshot } from '../../domain/integrity/integrity.types';
import type { EventBus } from '../../events/event-bus';
import { isOlderRunState } from './check-run-order';
import { integrityCurrentState } from './integrity-current-state';
import { createLivePubSub } from './live-pub-sub';

export interface CachedHealth {
  status(): Promise<HealthStatusSnapshot>;
  invalidate(): void;
}

/**
 * The API side of live delivery: the pub/sub behind GraphQL subscriptions, the listener that keeps
 * this replica's cached health fresh to the event (any run change, from any worker), and the one
 * that ends revoked sessions here (USER_SESSIONS_REVOKED, from any replica).
 */
/** What a replica does when a user's sessions end anywhere: forget its cached check, close their sockets. */
export interface SessionRevocations {
  revoked(userId: number, sessionVersion: number): void;
}

export function createApiLiveEvents(
  bus: EventBus,
  health: CachedHealth,
  orm: Orm,
  sessions: SessionRevocations,
): { pubSub: PubSub; stop: () => void } {
  const offSessions = bus.on(TOPICS.USER_SESSIONS_REVOKED, ({ userId, sessionVersion }) => sessions.revoked(userId, sessionVersion));
  const offRuns = bus.on(TOPICS.CHECK_RUN_UPDATED, () => health.invalidate());
  // Repairs change the open violations and the repair counts the cached metrics hold.
  const offRepairs = bus.on(TOPICS.REPAIRS_MADE, () => health.invalidate());
  // Live detection moves the open violations, and its own state, between runs.
  const offViolations = bus.on(TOPICS.VIOLATIONS_CHANGED, () => health.invalidate());
  const offHealth = bus.on(TOPICS.HEALTH_STATUS_CHANGED, () => health.invalidate());
  // Registered before any subscription's, so re-sent states are read from a fresh cache.
  const offGap = bus.onResubscribed(() => health.invalidate());
  // A state is read when a client subscribes and again after a gap (from the bus's own callback, outside
  // any operation): each read is a unit of work of its own.
  const current = integrityCurrentState(health, (read) => withEntityManager(orm, read));
  const pubSub = createLivePubSub(bus, current, { [TOPICS.CHECK_RUN_UPDATED]: isOlderRunState });
  return {
    pubSub,
    stop: () => {
      offSessions();
      offRuns();
      offRepairs();
      offViolations();
      offHealth();
      offGap();
    },
  };
}
