import { Entity, Enum, PrimaryKey, Property, Unique, type Opt } from '@mikro-orm/core';
import { CHANNEL_KINDS, type ChannelKind } from './alert.types';

/**
 * Where notifications go. Secrets (webhook secret, Slack URL, routing key, SMTP password) are
 * write-only: stored here, never returned by the API (hidden from serialization) nor logged.
 */
@Entity({ tableName: 'notification_channels' })
@Unique({ name: 'notification_channels_name_key', properties: ['name'] })
export class NotificationChannel {
  @PrimaryKey({ type: 'integer', generated: 'by default as identity' })
  id!: number;

  @Property({ type: 'text' })
  name!: string;

  @Enum({ items: () => CHANNEL_KINDS })
  kind!: ChannelKind;

  @Property({ type: 'boolean', default: true })
  enabled: boolean & Opt = true;

  /** WEBHOOK target, SLACK incoming-webhook URL (a secret), PAGERDUTY endpoint. */
  @Property({ type: 'text', nullable: true, hidden: true })
  url?: string | null;

  @Property({ type: 'text', nullable: true, hidden: true })
  secret?: string | null;

  /** After a rotation, the old secret still signs until `previousSecretUntil`. */
  @Property({ type: 'text', nullable: true, hidden: true })
  previousSecret?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  previousSecretUntil?: Date | null;

  @Property({ type: 'text', nullable: true, hidden: true })
  routingKey?: string | null;

  @Property({ type: 'text', nullable: true })
  smtpHost?: string | null;

  @Property({ type: 'integer', nullable: true })
  smtpPort?: number | null;

  @Property({ type: 'boolean', nullable: true })
  smtpSecure?: boolean | null;

  @Property({ type: 'text', nullable: true })
  smtpUser?: string | null;

  @Property({ type: 'text', nullable: true, hidden: true })
  smtpPassword?: string | null;

  @Property({ type: 'text', nullable: true })
  fromAddress?: string | null;

  @Property({ type: 'jsonb', default: '[]' })
  toAddresses: string[] & Opt = [];

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date & Opt = new Date();
}
