import { Check, Entity, Enum, PrimaryKey, Property, Unique, type Opt } from '@mikro-orm/core';
import { ALERT_METRICS, ALERT_SEVERITIES, ALERT_STATES, type AlertMetric, type AlertSeverity, type AlertState } from './alert.types';

/**
 * A rule is data, edited by admins (AlertsService). Its state columns (state … currentAlertId) are
 * written by the AlertEvaluator only. `channelIds` empty means every enabled channel.
 */
@Entity({ tableName: 'alert_rules' })
@Unique({ name: 'alert_rules_name_key', properties: ['name'] })
@Check({ name: 'alert_rules_for_seconds_check', expression: 'for_seconds >= 0' })
@Check({ name: 'alert_rules_repeat_interval_seconds_check', expression: 'repeat_interval_seconds >= 0' })
@Check({ name: 'alert_rules_recovery_margin_check', expression: 'recovery_margin >= (0)::double precision' })
export class AlertRule {
  @PrimaryKey({ type: 'integer', generated: 'by default as identity' })
  id!: number;

  @Property({ type: 'text' })
  name!: string;

  @Enum({ items: () => ALERT_METRICS })
  metric!: AlertMetric;

  @Property({ type: 'double', nullable: true })
  warning?: number | null;

  @Property({ type: 'double', nullable: true })
  critical?: number | null;

  @Property({ type: 'integer', default: 0 })
  forSeconds: number & Opt = 0;

  @Property({ type: 'double', default: 0 })
  recoveryMargin: number & Opt = 0;

  @Property({ type: 'integer', default: 3600 })
  repeatIntervalSeconds: number & Opt = 3600;

  @Property({ type: 'boolean', default: true })
  enabled: boolean & Opt = true;

  @Property({ type: 'jsonb', default: '[]' })
  channelIds: number[] & Opt = [];

  /** Escalation: a CRITICAL not acknowledged within `escalateAfterSeconds` also goes to this channel. */
  @Property({ type: 'integer', nullable: true })
  escalationChannelId?: number | null;

  @Property({ type: 'integer', nullable: true })
  escalateAfterSeconds?: number | null;

  @Property({ type: 'timestamptz', nullable: true })
  silencedUntil?: Date | null;

  @Property({ type: 'text', nullable: true })
  silenceReason?: string | null;

  @Property({ type: 'integer', nullable: true })
  silencedById?: number | null;

  // --- evaluation state (AlertEvaluator only) ---

  @Enum({ items: () => ALERT_STATES, default: 'INACTIVE' })
  state: AlertState & Opt = 'INACTIVE';

  @Enum({ items: () => ALERT_SEVERITIES, nullable: true })
  severity?: AlertSeverity | null;

  @Property({ type: 'double', nullable: true })
  value?: number | null;

  @Property({ type: 'timestamptz', nullable: true })
  pendingSince?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  recoveringSince?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  lastNotifiedAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  evaluatedAt?: Date | null;

  @Property({ type: 'integer', nullable: true })
  currentAlertId?: number | null;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date & Opt = new Date();
}
