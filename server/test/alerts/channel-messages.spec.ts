import { describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { pagerDutyEvent } from '../../src/domain/alerts/channels/pagerduty.sender';
import { parseRetryAfter, resultOfStatus } from '../../src/domain/alerts/channels/send-result';
import { slackBody } from '../../src/domain/alerts/channels/slack.sender';
import { isWebhookSecret, newWebhookSecret, webhookSignature } from '../../src/domain/alerts/channels/webhook-signature';
import type { NotificationMessage } from '../../src/domain/alerts/notification-message';
import { retryAfterOrExponential, RetryableDeliveryError } from '../../src/jobs/alerts/notification.processor';

const message = (overrides: Partial<NotificationMessage> = {}): NotificationMessage => ({
  event: 'alert.firing',
  alert: { id: 7, rule: 'Consistency rate', ruleId: 1, metric: 'CONSISTENCY_RATE', severity: 'CRITICAL', value: 94, startedAt: '2026-12-03T07:00:00.000Z', resolvedAt: null },
  reason: 'fired',
  firingForSeconds: 0,
  text: 'CRITICAL: Consistency rate (CONSISTENCY_RATE) is 94',
  sentAt: '2026-12-03T07:00:00.000Z',
  ...overrides,
});

describe('how a receiver’s answer is taken', () => {
  it('retries 429, 408 and 5xx (with Retry-After), refuses any other 4xx', () => {
    expect(resultOfStatus(204, null, '')).toMatchObject({ outcome: 'delivered' });
    expect(resultOfStatus(429, '7', '')).toMatchObject({ outcome: 'retry', retryAfterMs: 7_000 });
    expect(resultOfStatus(503, null, 'busy')).toMatchObject({ outcome: 'retry', retryAfterMs: null, error: 'HTTP 503: busy' });
    expect(resultOfStatus(408, null, '')).toMatchObject({ outcome: 'retry' });
    for (const status of [400, 401, 403, 404, 410, 422]) expect(resultOfStatus(status, '5', '').outcome).toBe('refused');
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.UTC(2026, 11, 3, 7, 0, 0);
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(new Date(now + 30_000).toUTCString(), now)).toBe(30_000);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });

  it('backs off by Retry-After when given (capped at an hour), else exponentially', () => {
    expect(retryAfterOrExponential(1, 5_000)).toBe(5_000);
    expect(retryAfterOrExponential(3, 5_000)).toBe(20_000);
    expect(retryAfterOrExponential(3, 5_000, new RetryableDeliveryError('HTTP 429', 1_500))).toBe(1_500);
    expect(retryAfterOrExponential(1, 5_000, new RetryableDeliveryError('HTTP 429', 86_400_000))).toBe(3_600_000);
  });
});

describe('Standard Webhooks signatures', () => {
  it('are verified by the standardwebhooks library, with either secret during a rotation', () => {
    const [oldSecret, newSecret] = [newWebhookSecret(), newWebhookSecret()];
    expect(isWebhookSecret(oldSecret)).toBe(true);
    expect(isWebhookSecret('whsec_short')).toBe(false);
    const body = JSON.stringify(message());
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = { 'webhook-id': 'msg_1_2', 'webhook-timestamp': String(timestamp), 'webhook-signature': webhookSignature([newSecret, oldSecret], 'msg_1_2', timestamp, body) };
    for (const secret of [oldSecret, newSecret]) expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(newWebhookSecret()).verify(body, headers)).toThrow();
    expect(() => new Webhook(newSecret).verify(`${body} `, headers)).toThrow();
  });
});

describe('channel bodies', () => {
  it('PagerDuty: trigger with severity, source and a summary of at most 1,024 characters; resolve under the same dedup_key', () => {
    const long = message({ text: 'x'.repeat(5_000) });
    const trigger = pagerDutyEvent('R0UT1NGKEY0123456789abcdefABCDEF', { message: long, eventId: 'msg_1_3', dedupKey: 'levelsync-alert-7' });
    expect(trigger).toMatchObject({ event_action: 'trigger', dedup_key: 'levelsync-alert-7', payload: { severity: 'critical', source: 'levelsync' } });
    expect((trigger.payload as { summary: string }).summary).toHaveLength(1_024);
    const resolve = pagerDutyEvent('R0UT1NGKEY0123456789abcdefABCDEF', { message: message({ event: 'alert.resolved' }), eventId: 'msg_2_3', dedupKey: 'levelsync-alert-7' });
    expect(resolve).toEqual({ routing_key: 'R0UT1NGKEY0123456789abcdefABCDEF', event_action: 'resolve', dedup_key: 'levelsync-alert-7' });
  });

  it('Slack: text and at most 50 blocks', () => {
    const body = slackBody(message());
    expect(body.text).toContain('CRITICAL');
    expect(body.blocks.length).toBeGreaterThan(0);
    expect(body.blocks.length).toBeLessThanOrEqual(50);
  });
});
