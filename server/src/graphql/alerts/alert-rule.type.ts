import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { ALERT_METRICS, METRIC_DEFINITIONS, type AlertMetric, type AlertSeverity, type AlertState } from '../../domain/alerts/alert.types';
import { AlertSeverityEnum, AlertStateEnum } from './alert-enums';

export const METRIC_DESCRIPTION = `The watched metric, one of: ${ALERT_METRICS.map(
  (m) => `${m} (${METRIC_DEFINITIONS[m].description}; fires ${METRIC_DEFINITIONS[m].direction === 'ABOVE' ? 'above' : 'below'} its thresholds)`,
).join('; ')}.`;

/** Fields mirror the AlertRule entity; `channels` and `escalationChannel` come from AlertRuleResolver. */
@ObjectType('AlertRule', { description: 'A rule over one metric: thresholds, pending time, hysteresis, channels; and its state now.', simpleResolvers: true })
export class AlertRuleType {
  @Field(() => ID)
  id!: number;

  @Field()
  name!: string;

  @Field(() => String, { description: METRIC_DESCRIPTION })
  metric!: AlertMetric;

  @Field(() => Float, { nullable: true, description: 'Warning threshold (strict comparison); null: no warning level.' })
  warning!: number | null;

  @Field(() => Float, { nullable: true, description: 'Critical threshold (strict comparison); null: no critical level. PROCESS_MEMORY_MB with both null uses ALERT_MEMORY_*_MB.' })
  critical!: number | null;

  @Field(() => Int, { description: 'How long a breach (and a recovery) must hold before the state moves.' })
  forSeconds!: number;

  @Field(() => Float, { description: 'Hysteresis: a firing alert resolves only once the value is this far back past its threshold, for forSeconds.' })
  recoveryMargin!: number;

  @Field(() => Int, { description: 'Reminder interval while firing and unacknowledged; 0 for none.' })
  repeatIntervalSeconds!: number;

  @Field()
  enabled!: boolean;

  channelIds!: number[];

  escalationChannelId!: number | null;

  @Field(() => Int, { nullable: true, description: 'A CRITICAL not acknowledged within this long also notifies escalationChannel.' })
  escalateAfterSeconds!: number | null;

  @Field(() => Date, { nullable: true, description: 'Silenced until then: state still moves and shows, nobody is notified; the end re-notifies what fires.' })
  silencedUntil!: Date | null;

  @Field(() => String, { nullable: true })
  silenceReason!: string | null;

  @Field(() => AlertStateEnum)
  state!: AlertState;

  @Field(() => AlertSeverityEnum, { nullable: true })
  severity!: AlertSeverity | null;

  @Field(() => Float, { nullable: true, description: 'The metric value at the latest evaluation (null before any).' })
  value!: number | null;

  @Field(() => Date, { nullable: true })
  evaluatedAt!: Date | null;

  currentAlertId!: number | null;
}
