import { Field, Float, ID, ObjectType } from 'type-graphql';
import type { AlertSeverity, AlertState } from '../../domain/alerts/alert.types';
import { AlertSeverityEnum, AlertStateEnum } from './alert-enums';

/** An Alert entity or its snapshot (both carry these names); `rule` and `acknowledgedBy` come from AlertResolver. */
@ObjectType('Alert', { description: 'One episode of a rule, from pending or firing until resolved.', simpleResolvers: true })
export class AlertType {
  @Field(() => ID)
  id!: number;

  ruleId!: number;

  @Field(() => AlertStateEnum, { description: 'PENDING, FIRING, or INACTIVE once resolved (or cancelled before it fired).' })
  state!: AlertState;

  @Field(() => AlertSeverityEnum)
  severity!: AlertSeverity;

  @Field(() => Float)
  value!: number;

  @Field({ description: 'When it started firing (when it went pending, while pending).' })
  startedAt!: Date;

  @Field(() => Date, { nullable: true })
  resolvedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  acknowledgedAt!: Date | null;

  acknowledgedById!: number | null;

  @Field(() => String, { nullable: true, description: 'The rule inhibiting this alert (e.g. "Workers online"): it notifies no one while set.' })
  suppressedBy!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the escalation channel was called.' })
  escalatedAt!: Date | null;
}
