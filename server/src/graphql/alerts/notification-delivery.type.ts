import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType('DeliveryAttempt', { description: 'One try of a delivery.', simpleResolvers: true })
export class DeliveryAttemptType {
  @Field()
  at!: Date;

  @Field(() => Int, { nullable: true, description: 'HTTP status (or SMTP reply code); null for a network error.' })
  statusCode!: number | null;

  @Field(() => String, { nullable: true })
  error!: string | null;

  @Field(() => Int)
  durationMs!: number;
}

/** Fields mirror the NotificationDelivery entity; `channel`, `alert` and `attemptLog` come from its resolver. */
@ObjectType('NotificationDelivery', { description: 'One notification of one alert transition to one channel.', simpleResolvers: true })
export class NotificationDeliveryType {
  @Field(() => ID)
  id!: number;

  channelId!: number;

  alertId!: number | null;

  @Field({ description: 'alert.firing, alert.resolved, alert.escalated or test.' })
  event!: string;

  @Field({ description: 'The stable event id receivers see on every try (webhook-id).' })
  eventId!: string;

  @Field({ description: 'PENDING (queued or retrying), DELIVERED, or DEAD (refused, or retries exhausted: the dead-letter list).' })
  status!: string;

  @Field(() => Int)
  attempts!: number;

  @Field(() => String, { nullable: true })
  lastError!: string | null;

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  deliveredAt!: Date | null;
}
