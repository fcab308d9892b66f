import type { NotificationChannel } from '../notification-channel.entity';
import type { NotificationMessage } from '../notification-message';
import type { ChannelSender, Outgoing } from './channel-sender';
import { postJson, type SendResult } from './send-result';

const MAX_SUMMARY = 1_024;

/** PagerDuty Events API v2: trigger and resolve under a dedup_key stable per alert. */
export class PagerDutySender implements ChannelSender {
  constructor(private readonly defaultUrl: string) {}

  send(channel: NotificationChannel, outgoing: Outgoing, timeoutMs: number): Promise<SendResult> {
    return postJson(channel.url || this.defaultUrl, JSON.stringify(pagerDutyEvent(channel.routingKey!, outgoing)), {}, timeoutMs);
  }
}

export function pagerDutyEvent(routingKey: string, outgoing: Outgoing): Record<string, unknown> {
  const message: NotificationMessage = outgoing.message;
  const resolve = message.event === 'alert.resolved';
  return {
    routing_key: routingKey,
    event_action: resolve ? 'resolve' : 'trigger',
    dedup_key: outgoing.dedupKey,
    ...(resolve
      ? {}
      : {
          payload: {
            summary: message.text.slice(0, MAX_SUMMARY),
            severity: message.alert?.severity === 'CRITICAL' ? 'critical' : message.alert ? 'warning' : 'info',
            source: 'levelsync',
            component: message.alert?.metric ?? 'notifications',
            timestamp: message.alert?.startedAt ?? message.sentAt,
            custom_details: { ...message.alert, reason: message.reason, firingForSeconds: message.firingForSeconds },
          },
        }),
  };
}
