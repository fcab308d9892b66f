import { IsOptional } from 'class-validator';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import type { ChannelKind } from '../../domain/alerts/alert.types';
import { ChannelKindEnum } from './alert-enums';
import { METRIC_DESCRIPTION } from './alert-rule.type';

// The rules are AlertsService's (domain/alerts/alert-input.ts), checked there for every caller; class-validator only needs a rule per field.
@InputType('AlertRuleInput')
export class AlertRuleInputType {
  @Field()
  @IsOptional()
  name!: string;

  @Field({ description: METRIC_DESCRIPTION })
  @IsOptional()
  metric!: string;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  warning?: number | null;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  critical?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  forSeconds?: number | null;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  recoveryMargin?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  repeatIntervalSeconds?: number | null;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  enabled?: boolean | null;

  @Field(() => [ID], { nullable: true, description: 'The channels it notifies; empty or absent: every enabled channel.' })
  @IsOptional()
  channelIds?: string[] | null;

  @Field(() => ID, { nullable: true, description: 'Escalation: notified when a CRITICAL stays unacknowledged for escalateAfterSeconds.' })
  @IsOptional()
  escalationChannelId?: string | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  escalateAfterSeconds?: number | null;
}

@InputType('NotificationChannelInput', { description: 'Secrets left out of an update stay as stored; a new webhook secret rotates (both sign for 24 h).' })
export class NotificationChannelInputType {
  @Field()
  @IsOptional()
  name!: string;

  @Field(() => ChannelKindEnum)
  @IsOptional()
  kind!: ChannelKind;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  enabled?: boolean | null;

  @Field(() => String, { nullable: true, description: 'WEBHOOK target, SLACK incoming-webhook URL, PAGERDUTY endpoint (default PagerDuty’s). http(s), no credentials.' })
  @IsOptional()
  url?: string | null;

  @Field(() => String, { nullable: true, description: 'WEBHOOK signing secret, whsec_<base64 key>.' })
  @IsOptional()
  secret?: string | null;

  @Field(() => String, { nullable: true, description: 'PAGERDUTY integration (routing) key.' })
  @IsOptional()
  routingKey?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  smtpHost?: string | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  smtpPort?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'TLS from the start (port 465); otherwise STARTTLS when offered.' })
  @IsOptional()
  smtpSecure?: boolean | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  smtpUser?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  smtpPassword?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  from?: string | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  to?: string[] | null;
}

@InputType('AlertFilter')
export class AlertFilterInput {
  @Field(() => Boolean, { nullable: true, description: 'Only alerts firing now.' })
  @IsOptional()
  firingOnly?: boolean | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  ruleId?: string | null;
}
