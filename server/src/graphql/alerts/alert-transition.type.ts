import { Field, Float, ID, ObjectType } from 'type-graphql';
import type { AlertSeverity, AlertState } from '../../domain/alerts/alert.types';
import { AlertSeverityEnum, AlertStateEnum } from './alert-enums';

@ObjectType('AlertTransition', { description: "A move of a rule's state, kept as history.", simpleResolvers: true })
export class AlertTransitionType {
  @Field(() => ID)
  id!: number;

  @Field(() => ID, { nullable: true })
  alertId!: number | null;

  @Field({ description: 'pending, cancelled, fired, escalated, deescalated, resolved, reminder, silence-ended, unsuppressed, escalation, disabled.' })
  kind!: string;

  @Field(() => AlertStateEnum)
  fromState!: AlertState;

  @Field(() => AlertStateEnum)
  toState!: AlertState;

  @Field(() => AlertSeverityEnum, { nullable: true })
  severity!: AlertSeverity | null;

  @Field(() => Float, { nullable: true })
  value!: number | null;

  @Field(() => String, { nullable: true, description: 'Why no one was notified: SILENCED, or the inhibiting rule.' })
  suppressed!: string | null;

  @Field()
  at!: Date;
}
