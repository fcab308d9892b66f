import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { ChannelKind } from '../../domain/alerts/alert.types';
import type { NotificationChannel } from '../../domain/alerts/notification-channel.entity';
import { ChannelKindEnum } from './alert-enums';

/** A channel as the API shows it: never a secret (webhook secret, Slack URL, routing key, SMTP password). */
@ObjectType('NotificationChannel', { description: 'Where notifications go. Secrets are write-only: never returned.' })
export class NotificationChannelType {
  @Field(() => ID)
  id!: number;

  @Field()
  name!: string;

  @Field(() => ChannelKindEnum)
  kind!: ChannelKind;

  @Field()
  enabled!: boolean;

  @Field(() => String, { nullable: true, description: 'The host notifications are sent to (the URL itself may carry a secret).' })
  target!: string | null;

  @Field({ description: 'Whether a signing secret, routing key or SMTP password is stored.' })
  hasSecret!: boolean;

  @Field(() => Date, { nullable: true, description: 'After a webhook secret rotation: the old secret signs too until then.' })
  previousSecretUntil!: Date | null;

  @Field(() => String, { nullable: true })
  smtpHost!: string | null;

  @Field(() => Int, { nullable: true })
  smtpPort!: number | null;

  @Field(() => Boolean, { nullable: true })
  smtpSecure!: boolean | null;

  @Field(() => String, { nullable: true })
  smtpUser!: string | null;

  @Field(() => String, { nullable: true })
  from!: string | null;

  @Field(() => [String])
  to!: string[];

  @Field()
  createdAt!: Date;
}

export function channelView(channel: NotificationChannel): NotificationChannelType {
  let target: string | null = null;
  if (channel.kind === 'EMAIL') target = channel.smtpHost ?? null;
  else if (channel.url) target = new URL(channel.url).host;
  else if (channel.kind === 'PAGERDUTY') target = 'events.pagerduty.com';
  return {
    id: channel.id,
    name: channel.name,
    kind: channel.kind,
    enabled: channel.enabled,
    target,
    hasSecret: Boolean(channel.secret || channel.routingKey || channel.smtpPassword),
    previousSecretUntil: channel.previousSecretUntil ?? null,
    smtpHost: channel.smtpHost ?? null,
    smtpPort: channel.smtpPort ?? null,
    smtpSecure: channel.smtpSecure ?? null,
    smtpUser: channel.smtpUser ?? null,
    from: channel.fromAddress ?? null,
    to: channel.toAddresses,
    createdAt: channel.createdAt,
  };
}
