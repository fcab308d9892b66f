import { Entity, Index, ManyToOne, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import { NotificationDelivery } from './notification-delivery.entity';

/** Each try of a delivery: when, what the receiver answered, what went wrong, how long it took. */
@Entity({ tableName: 'delivery_attempts' })
@Index({ name: 'delivery_attempts_delivery_idx', properties: ['deliveryId', 'id'] })
export class DeliveryAttempt {
  @PrimaryKey({ type: 'integer', generated: 'by default as identity' })
  id!: number;

  @ManyToOne(() => NotificationDelivery, { fieldName: 'delivery_id', mapToPk: true, deleteRule: 'cascade', cascade: [], foreignKeyName: 'delivery_attempts_delivery_id_fkey' })
  deliveryId!: number;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  at: Date & Opt = new Date();

  @Property({ type: 'integer', nullable: true })
  statusCode?: number | null;

  @Property({ type: 'text', nullable: true })
  error?: string | null;

  @Property({ type: 'integer' })
  durationMs!: number;
}
