import type { NotificationChannel } from '../notification-channel.entity';
import type { NotificationMessage } from '../notification-message';
import type { SendResult } from './send-result';

/** What a sender gets to send: the stored message and the delivery's stable ids. */
export interface Outgoing {
  readonly message: NotificationMessage;
  /** Stable per (transition, channel): the webhook-id, the receivers' idempotency key. */
  readonly eventId: string;
  /** Stable per alert: PagerDuty's dedup_key, so trigger and resolve meet. */
  readonly dedupKey: string;
}

/** One channel kind's way of sending. */
export interface ChannelSender {
  send(channel: NotificationChannel, outgoing: Outgoing, timeoutMs: number): Promise<SendResult>;
}
