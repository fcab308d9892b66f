import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import { AlertRule } from './alert-rule.entity';
import { Alert } from './alert.entity';
import { ALERT_SEVERITIES, ALERT_STATES, type AlertSeverity, type AlertState } from './alert.types';

/** Every move of a rule's state, kept as history (and the unit of notification: one per channel at most). */
@Entity({ tableName: 'alert_transitions' })
@Index({ name: 'alert_transitions_rule_idx', properties: ['ruleId', 'id'] })
export class AlertTransition {
  @PrimaryKey({ type: 'integer', generated: 'by default as identity' })
  id!: number;

  @ManyToOne(() => AlertRule, { fieldName: 'rule_id', mapToPk: true, deleteRule: 'cascade', cascade: [], foreignKeyName: 'alert_transitions_rule_id_fkey' })
  ruleId!: number;

  @ManyToOne(() => Alert, { fieldName: 'alert_id', mapToPk: true, nullable: true, deleteRule: 'cascade', cascade: [], foreignKeyName: 'alert_transitions_alert_id_fkey' })
  alertId?: number | null;

  /** pending, cancelled, fired, escalated, deescalated, resolved, reminder, silence-ended, escalation. */
  @Property({ type: 'text' })
  kind!: string;

  @Enum({ items: () => ALERT_STATES })
  fromState!: AlertState;

  @Enum({ items: () => ALERT_STATES })
  toState!: AlertState;

  @Enum({ items: () => ALERT_SEVERITIES, nullable: true })
  severity?: AlertSeverity | null;

  @Property({ type: 'double', nullable: true })
  value?: number | null;

  /** Why no channel was told: SILENCED, or the inhibiting alert; null when notified (or history only). */
  @Property({ type: 'text', nullable: true })
  suppressed?: string | null;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  at: Date & Opt = new Date();
}
