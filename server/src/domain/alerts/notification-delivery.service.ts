import type { EntityManager } from '@mikro-orm/postgresql';
import type { AlertsConfig } from '../config/domain-config';
import type { Orm } from '../database/database';
import type { Logger } from '../logging/logger';
import type { ChannelSender } from './channels/channel-sender';
import { EmailSender } from './channels/email.sender';
import { PagerDutySender } from './channels/pagerduty.sender';
import { SlackSender } from './channels/slack.sender';
import { WebhookSender } from './channels/webhook.sender';
import type { SendResult } from './channels/send-result';
import type { ChannelKind } from './alert.types';
import { DeliveryAttempt } from './delivery-attempt.entity';
import { NotificationChannel } from './notification-channel.entity';
import { NotificationDelivery } from './notification-delivery.entity';
import type { NotificationMessage } from './notification-message';

/** Which try of its job a delivery is on (BullMQ counts them; a resumed job keeps its count). */
export interface DeliveryAttemptNumber {
  readonly number: number;
  readonly of: number;
}

/** What the job does next: nothing (delivered, dead, already done) or retry after `retryAfterMs` (null: its backoff). */
export type DeliveryOutcome =
  | { readonly outcome: 'delivered' | 'dead' | 'skipped' }
  | { readonly outcome: 'retry'; readonly retryAfterMs: number | null; readonly error: string };

/**
 * The owner of deliveries: sends one try, logs it (time, status code, error, duration), and moves the
 * delivery to DELIVERED, or DEAD (refused, or its last try failed: the dead-letter list).
 */
export class NotificationDeliveryService {
  private readonly senders: Record<ChannelKind, ChannelSender>;

  constructor(
    private readonly orm: Orm,
    private readonly config: AlertsConfig,
    private readonly logger?: Logger,
  ) {
    this.senders = {
      WEBHOOK: new WebhookSender(),
      SLACK: new SlackSender(),
      PAGERDUTY: new PagerDutySender(config.pagerDutyEventsUrl),
      EMAIL: new EmailSender(),
    };
  }

  private get em(): EntityManager {
    return this.orm.em as EntityManager;
  }

  async deliver(deliveryId: number, attempt: DeliveryAttemptNumber): Promise<DeliveryOutcome> {
    const delivery = await this.em.findOne(NotificationDelivery, { id: deliveryId });
    if (!delivery || delivery.status !== 'PENDING') return { outcome: 'skipped' };
    const channel = await this.em.findOne(NotificationChannel, { id: delivery.channelId });
    if (!channel || !channel.enabled) {
      delivery.status = 'DEAD';
      delivery.lastError = 'The channel is disabled.';
      await this.em.flush();
      return { outcome: 'dead' };
    }
    const result = await this.tryOnce(channel, delivery);
    if (result.outcome === 'delivered') return { outcome: 'delivered' };
    if (result.outcome === 'refused' || attempt.number >= attempt.of) {
      delivery.status = 'DEAD';
      await this.em.flush();
      this.logger?.warn({ deliveryId, channelId: channel.id, attempts: delivery.attempts, err: delivery.lastError }, 'notification dead-lettered');
      return { outcome: 'dead' };
    }
    return { outcome: 'retry', retryAfterMs: result.retryAfterMs, error: result.error ?? 'failed' };
  }

  /** One try, logged; the delivery's counters follow it. */
  async tryOnce(channel: NotificationChannel, delivery: NotificationDelivery): Promise<SendResult> {
    const started = performance.now();
    const result = await this.senders[channel.kind].send(
      channel,
      { message: delivery.payload as unknown as NotificationMessage, eventId: delivery.eventId, dedupKey: delivery.alertId ? `levelsync-alert-${delivery.alertId}` : delivery.eventId },
      this.config.notificationTimeoutMs,
    );
    const durationMs = Math.round(performance.now() - started);
    this.em.create(DeliveryAttempt, { deliveryId: delivery.id, statusCode: result.statusCode, error: result.error, durationMs, at: new Date() });
    delivery.attempts += 1;
    delivery.lastError = result.error;
    if (result.outcome === 'delivered') {
      delivery.status = 'DELIVERED';
      delivery.deliveredAt = new Date();
    }
    await this.em.flush();
    return result;
  }
}
