import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique, type Opt } from '@mikro-orm/core';
import { AlertTransition } from './alert-transition.entity';
import { Alert } from './alert.entity';
import { DELIVERY_STATUSES, type DeliveryStatus } from './alert.types';
import { NotificationChannel } from './notification-channel.entity';

/**
 * One notification of one transition to one channel (unique: never two), with its stable event id
 * (the webhook-id / the idempotency key receivers see on every retry). NotificationDeliveryService owns it.
 */
@Entity({ tableName: 'notification_deliveries' })
@Unique({ name: 'notification_deliveries_transition_channel_key', properties: ['transitionId', 'channelId'] })
@Unique({ name: 'notification_deliveries_event_id_key', properties: ['eventId'] })
@Index({ name: 'notification_deliveries_channel_idx', properties: ['channelId', 'id'] })
@Index({ name: 'notification_deliveries_dead_idx', expression: `create index notification_deliveries_dead_idx on notification_deliveries (id) where status = 'DEAD'` })
export class NotificationDelivery {
  @PrimaryKey({ type: 'integer', generated: 'by default as identity' })
  id!: number;

  @ManyToOne(() => NotificationChannel, { fieldName: 'channel_id', mapToPk: true, deleteRule: 'cascade', cascade: [], foreignKeyName: 'notification_deliveries_channel_id_fkey' })
  channelId!: number;

  @ManyToOne(() => Alert, { fieldName: 'alert_id', mapToPk: true, nullable: true, deleteRule: 'cascade', cascade: [], foreignKeyName: 'notification_deliveries_alert_id_fkey' })
  alertId?: number | null;

  @ManyToOne(() => AlertTransition, { fieldName: 'transition_id', mapToPk: true, nullable: true, deleteRule: 'cascade', cascade: [], foreignKeyName: 'notification_deliveries_transition_id_fkey' })
  transitionId?: number | null;

  /** alert.firing, alert.resolved, alert.escalated, test. */
  @Property({ type: 'text' })
  event!: string;

  @Property({ type: 'text' })
  eventId!: string;

  /** The message as composed at the transition (the same bytes on every attempt). */
  @Property({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Enum({ items: () => DELIVERY_STATUSES, default: 'PENDING' })
  status: DeliveryStatus & Opt = 'PENDING';

  @Property({ type: 'integer', default: 0 })
  attempts: number & Opt = 0;

  @Property({ type: 'text', nullable: true })
  lastError?: string | null;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date & Opt = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  deliveredAt?: Date | null;
}
