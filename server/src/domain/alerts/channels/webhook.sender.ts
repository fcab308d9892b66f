import type { NotificationChannel } from '../notification-channel.entity';
import type { ChannelSender, Outgoing } from './channel-sender';
import { postJson, type SendResult } from './send-result';
import { webhookSignature } from './webhook-signature';

/** Standard Webhooks: webhook-id, webhook-timestamp, webhook-signature (both secrets during a rotation's grace period). */
export class WebhookSender implements ChannelSender {
  constructor(private readonly now: () => number = Date.now) {}

  send(channel: NotificationChannel, outgoing: Outgoing, timeoutMs: number): Promise<SendResult> {
    const body = JSON.stringify(outgoing.message);
    const timestamp = Math.floor(this.now() / 1000);
    const secrets = [channel.secret, channel.previousSecret && channel.previousSecretUntil && channel.previousSecretUntil.getTime() > this.now() ? channel.previousSecret : null].filter(
      (s): s is string => Boolean(s),
    );
    const headers: Record<string, string> = { 'webhook-id': outgoing.eventId, 'webhook-timestamp': String(timestamp) };
    if (secrets.length > 0) headers['webhook-signature'] = webhookSignature(secrets, outgoing.eventId, timestamp, body);
    return postJson(channel.url!, body, headers, timeoutMs);
  }
}
