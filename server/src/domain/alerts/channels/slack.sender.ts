import { setTimeout as sleep } from 'node:timers/promises';
import type { NotificationChannel } from '../notification-channel.entity';
import type { NotificationMessage } from '../notification-message';
import type { ChannelSender, Outgoing } from './channel-sender';
import { postJson, type SendResult } from './send-result';

/** Slack accepts about one message per second per incoming webhook. */
const MIN_INTERVAL_MS = 1_000;
const MAX_BLOCKS = 50;
const MAX_SECTION_TEXT = 3_000;

/** Incoming-webhook JSON: `text` (the fallback) and `blocks` (at most 50), paced per webhook in this process. */
export class SlackSender implements ChannelSender {
  private readonly nextSlot = new Map<string, number>();

  async send(channel: NotificationChannel, outgoing: Outgoing, timeoutMs: number): Promise<SendResult> {
    const url = channel.url!;
    const now = Date.now();
    const slot = Math.max(now, this.nextSlot.get(url) ?? 0);
    this.nextSlot.set(url, slot + MIN_INTERVAL_MS);
    if (slot > now) await sleep(slot - now);
    return postJson(url, JSON.stringify(slackBody(outgoing.message)), {}, timeoutMs);
  }
}

export function slackBody(message: NotificationMessage): { text: string; blocks: unknown[] } {
  const blocks: unknown[] = [{ type: 'section', text: { type: 'mrkdwn', text: message.text.slice(0, MAX_SECTION_TEXT) } }];
  if (message.alert) {
    const a = message.alert;
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `${a.metric} · value ${a.value} · since ${a.startedAt}${a.resolvedAt ? ` · resolved ${a.resolvedAt}` : ''} · alert #${a.id}` }],
    });
  }
  return { text: message.text, blocks: blocks.slice(0, MAX_BLOCKS) };
}
