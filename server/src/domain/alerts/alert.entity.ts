import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import { User } from '../users/user.entity';
import { AlertRule } from './alert-rule.entity';
import { ALERT_SEVERITIES, ALERT_STATES, type AlertSeverity, type AlertState } from './alert.types';

/**
 * One episode of a rule: PENDING, then FIRING until resolved (or back to normal before it fired,
 * `resolvedAt` set with state INACTIVE). Its severity moves with escalation. AlertEvaluator writes
 * it; AlertsService only acknowledges.
 */
@Entity({ tableName: 'alerts' })
@Index({ name: 'alerts_open_idx', expression: 'create index alerts_open_idx on alerts (id) where resolved_at is null' })
@Index({ name: 'alerts_rule_idx', properties: ['ruleId', 'id'] })
export class Alert {
  @PrimaryKey({ type: 'integer', generated: 'by default as identity' })
  id!: number;

  @ManyToOne(() => AlertRule, { fieldName: 'rule_id', mapToPk: true, deleteRule: 'cascade', cascade: [], foreignKeyName: 'alerts_rule_id_fkey' })
  ruleId!: number;

  @Enum({ items: () => ALERT_STATES })
  state!: AlertState;

  @Enum({ items: () => ALERT_SEVERITIES })
  severity!: AlertSeverity;

  @Property({ type: 'double' })
  value!: number;

  @Property({ type: 'timestamptz' })
  startedAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  resolvedAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  acknowledgedAt?: Date | null;

  @ManyToOne(() => User, { fieldName: 'acknowledged_by_id', mapToPk: true, nullable: true, deleteRule: 'set null', cascade: [], foreignKeyName: 'alerts_acknowledged_by_id_fkey' })
  acknowledgedById?: number | null;

  /** Why this alert notifies no one (inhibited by another alert), shown on the alert. */
  @Property({ type: 'text', nullable: true })
  suppressedBy?: string | null;

  /** Since when it has been CRITICAL (the escalation delay counts from here). */
  @Property({ type: 'timestamptz', nullable: true })
  criticalSince?: Date | null;

  /** Whether its firing was told to any channel (a resolution is told only then). */
  @Property({ type: 'boolean', default: false })
  notified: boolean & Opt = false;

  /** When the escalation channel was called (a CRITICAL left unacknowledged). */
  @Property({ type: 'timestamptz', nullable: true })
  escalatedAt?: Date | null;
}
