import type { AuditEntrySnapshot } from '../audit/audit.types';
import type { AlertSnapshot } from '../alerts/alert.types';
import type { CheckRunSnapshot, HealthStatusSnapshot } from '../integrity/integrity.types';
import type { RepairBatchSnapshot } from '../integrity/repair.types';
import type { ViolationChangeSnapshot } from '../live/live-detection.types';

/**
 * Every event that crosses processes, declared once. Workers publish after the result is stored in
 * PostgreSQL; every API replica relays each event to its own subscribers.
 */
export const TOPICS = {
  CHECK_RUN_UPDATED: 'CHECK_RUN_UPDATED',
  HEALTH_STATUS_CHANGED: 'HEALTH_STATUS_CHANGED',
  /** Repairs just committed (by an admin's resync or an auto-sync batch): a delta, not a state. */
  REPAIRS_MADE: 'REPAIRS_MADE',
  /** Violations the incremental checker just opened or resolved: a delta, not a state. */
  VIOLATIONS_CHANGED: 'VIOLATIONS_CHANGED',
  /** An audit entry just committed: a delta. */
  AUDIT_LOG_APPENDED: 'AUDIT_LOG_APPENDED',
  /**
   * A user's sessions changed (deactivated, role changed, password reset or changed): every API
   * replica forgets its cached check of the user and closes their WebSockets whose tokens predate
   * `sessionVersion`.
   */
  USER_SESSIONS_REVOKED: 'USER_SESSIONS_REVOKED',
  /** Every transition of an alert (published by the AlertEvaluator only, and on acknowledgement): a delta. */
  ALERTS_CHANGED: 'ALERTS_CHANGED',
} as const;

export interface TopicPayloads {
  [TOPICS.CHECK_RUN_UPDATED]: CheckRunSnapshot;
  [TOPICS.HEALTH_STATUS_CHANGED]: HealthStatusSnapshot;
  [TOPICS.REPAIRS_MADE]: RepairBatchSnapshot;
  [TOPICS.VIOLATIONS_CHANGED]: ViolationChangeSnapshot;
  [TOPICS.AUDIT_LOG_APPENDED]: AuditEntrySnapshot;
  [TOPICS.USER_SESSIONS_REVOKED]: { userId: number; sessionVersion: number };
  [TOPICS.ALERTS_CHANGED]: AlertSnapshot;
}

export type Topic = keyof TopicPayloads;

/**
 * Topics whose events are deltas: each says something no later event repeats, so a subscriber that
 * misses one is told (its subscription ends with an error) instead of silently dropping it. The
 * others carry a whole state each, where the newest is all a subscriber needs.
 */
export const DELTA_TOPICS: ReadonlySet<Topic> = new Set<Topic>([TOPICS.REPAIRS_MADE, TOPICS.VIOLATIONS_CHANGED, TOPICS.AUDIT_LOG_APPENDED, TOPICS.ALERTS_CHANGED]);

/** Port the domain publishes through; implemented over Redis pub/sub, or in-process in the all-in-one mode. */
export interface EventPublisher {
  publish<T extends Topic>(topic: T, payload: TopicPayloads[T]): void | Promise<void>;
}
