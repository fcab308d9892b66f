import { SYSTEM_ORIGIN, actorOrigin } from '../../src/domain/audit/audit.types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newWebhookSecret } from '../../src/domain/alerts/channels/webhook-signature';
import { waitFor } from '../support/wait-for';
import { desync, startAlertStack, type AlertStack } from '../support/alert-stack';
import { HttpReceiver } from '../support/http-receiver';
import { SmtpReceiver } from '../support/smtp-receiver';

const STUDENTS = 1000;
const secret = newWebhookSecret();
const webhook = new HttpReceiver(secret);
const slack = new HttpReceiver();
const pagerDuty = new HttpReceiver();
const smtp = new SmtpReceiver();
let stack: AlertStack;
let channelIds: Record<'webhook' | 'slack' | 'pagerDuty' | 'email', number>;
let ruleId: number;

interface DeliveryRow {
  id: number;
  channel_id: number;
  event: string;
  event_id: string;
  status: string;
  attempts: number;
}

const deliveries = () => stack.sql<DeliveryRow>('select id, channel_id, event, event_id, status, attempts from notification_deliveries order by id');
const settled = async () => (await stack.sql<{ n: number }>(`select count(*)::int as n from notification_deliveries where status = 'PENDING'`))[0]!.n === 0;
const webhookEvents = () => webhook.requests.filter((r) => r.status < 300).map((r) => r.body.event);
/** The requests each receiver got, as (event, severity) pairs. */
const told = () => ({
  webhook: webhook.requests.map((r) => `${r.body.event as string}:${(r.body.alert as { severity?: string } | null)?.severity}`),
  slack: slack.requests.length,
  pagerDuty: pagerDuty.requests.map((r) => r.body.event_action),
  email: smtp.mails.length,
});

beforeAll(async () => {
  await Promise.all([webhook.start(), slack.start(), pagerDuty.start(), smtp.start()]);
  stack = await startAlertStack(STUDENTS, { PAGERDUTY_EVENTS_URL: pagerDuty.url });
  // Only the consistency rule here (the others would speak of this test machine).
  await stack.sql(`update alert_rules set enabled = (metric = 'CONSISTENCY_RATE')`);
  ruleId = (await stack.sql<{ id: number }>(`select id from alert_rules where metric = 'CONSISTENCY_RATE'`))[0]!.id;
  const create = (input: Parameters<typeof stack.services.alerts.createChannel>[1]) => stack.scoped((s) => s.alerts.createChannel(SYSTEM_ORIGIN, input)).then((c) => c.id);
  channelIds = {
    webhook: await create({ name: 'ops webhook', kind: 'WEBHOOK', url: webhook.url, secret }),
    slack: await create({ name: 'ops slack', kind: 'SLACK', url: slack.url }),
    pagerDuty: await create({ name: 'on-call', kind: 'PAGERDUTY', routingKey: 'R0UT1NGKEY0123456789abcdefABCDEF' }),
    email: await create({ name: 'ops mail', kind: 'EMAIL', smtpHost: '127.0.0.1', smtpPort: smtp.port, smtpSecure: false, from: 'alerts@levelsync.test', to: ['ops@levelsync.test'] }),
  };
  await stack.check();
  await waitFor(async () => (await stack.sql<{ evaluated_at: Date | null }>('select evaluated_at from alert_rules where id = $1', [ruleId]))[0]!.evaluated_at);
});

afterAll(async () => {
  await stack?.close();
  await Promise.all([webhook.stop(), slack.stop(), pagerDuty.stop(), smtp.stop()]);
});

describe('when a desync drops consistency below 95 %', () => {
  it('sends exactly one alert.firing CRITICAL per channel after the check', async () => {
    await desync(stack.sql, 60); // 94 %
    await stack.check();
    await waitFor(async () => webhook.requests.length >= 1 && slack.requests.length >= 1 && pagerDuty.requests.length >= 1 && smtp.mails.length >= 1);
    await waitFor(settled);
    // More evaluations (scheduled every 2 s) change nothing: one transition, one notification per channel.
    await stack.scoped((s) => s.alertEvaluator.evaluate());
    await stack.scoped((s) => s.alertEvaluator.evaluate());
    await waitFor(settled);
    expect(told()).toEqual({ webhook: ['alert.firing:CRITICAL'], slack: 1, pagerDuty: ['trigger'], email: 1 });

    const hook = webhook.requests[0]!;
    expect(hook.verified).toBe(true);
    expect(hook.body).toMatchObject({ event: 'alert.firing', alert: { metric: 'CONSISTENCY_RATE', severity: 'CRITICAL', value: 94, resolvedAt: null } });
    expect(Number(hook.headers['webhook-timestamp'])).toBeGreaterThan(1_700_000_000);
    const slackBody = slack.requests[0]!.body as { text: string; blocks: unknown[] };
    expect(slackBody.text).toContain('CRITICAL');
    expect(slackBody.blocks.length).toBeLessThanOrEqual(50);
    const pd = pagerDuty.requests[0]!.body as { routing_key: string; dedup_key: string; payload: { severity: string; summary: string; source: string } };
    expect(pd).toMatchObject({ routing_key: 'R0UT1NGKEY0123456789abcdefABCDEF', payload: { severity: 'critical', source: 'levelsync' } });
    expect(pd.payload.summary.length).toBeLessThanOrEqual(1024);
    expect(smtp.mails[0]!.subject).toContain('CRITICAL');
    expect((await deliveries()).map((d) => [d.status, d.attempts])).toEqual([
      ['DELIVERED', 1],
      ['DELIVERED', 1],
      ['DELIVERED', 1],
      ['DELIVERED', 1],
    ]);
  });
});

describe('when the desync is repaired', () => {
  it('sends one alert.resolved per channel, and PagerDuty resolves under the same dedup_key', async () => {
    await desync(stack.sql, 0);
    await stack.check();
    await waitFor(async () => webhook.requests.length >= 2 && slack.requests.length >= 2 && pagerDuty.requests.length >= 2 && smtp.mails.length >= 2);
    await waitFor(settled);
    expect(told()).toEqual({ webhook: ['alert.firing:CRITICAL', 'alert.resolved:CRITICAL'], slack: 2, pagerDuty: ['trigger', 'resolve'], email: 2 });
    expect(pagerDuty.requests[1]!.body.dedup_key).toBe(pagerDuty.requests[0]!.body.dedup_key);
    const [rule] = await stack.sql<{ state: string; current_alert_id: number | null }>('select state, current_alert_id from alert_rules where id = $1', [ruleId]);
    expect(rule).toEqual({ state: 'INACTIVE', current_alert_id: null });
  });
});

describe('when consistency flaps around 95 % inside the recovery margin', () => {
  it('fires once and stays firing: no notification storm', async () => {
    const before = webhook.requests.length;
    const [{ last }] = (await stack.sql<{ last: number }>('select coalesce(max(id), 0)::int as last from alert_transitions')) as [{ last: number }];
    // 94.9 %, 95.3 %, 94.8 %, 95.4 %, 94.9 %, 95.2 %: each a check, each followed by an evaluation.
    for (const broken of [51, 47, 52, 46, 51, 48]) {
      await desync(stack.sql, broken);
      await stack.check();
      await stack.scoped((s) => s.alertEvaluator.evaluate());
    }
    await waitFor(settled);
    expect(webhook.requests.slice(before).map((r) => r.body.event)).toEqual(['alert.firing']);
    const kinds = await stack.sql<{ kind: string }>('select kind from alert_transitions where rule_id = $1 and id > $2 order by id', [ruleId, last]);
    expect(kinds.map((k) => k.kind).filter((k) => k === 'fired')).toHaveLength(1);
    await desync(stack.sql, 0);
    await stack.check();
    await waitFor(async () => webhookEvents().at(-1) === 'alert.resolved');
    await waitFor(settled);
  });
});

describe('when the receiver answers 500, 500, then 200', () => {
  it('delivers once, with the same webhook-id on all three tries and three attempts logged', async () => {
    const before = webhook.requests.length;
    webhook.answer(500, { status: 503, headers: { 'retry-after': '0' } }, 200);
    await desync(stack.sql, 60);
    await stack.check();
    await waitFor(async () => webhook.requests.length >= before + 3);
    await waitFor(settled);
    const tries = webhook.requests.slice(before);
    expect(tries.map((r) => r.status)).toEqual([500, 503, 200]);
    expect(new Set(tries.map((r) => r.headers['webhook-id'])).size).toBe(1);
    expect(tries.every((r) => r.verified)).toBe(true);
    const [delivery] = (await deliveries()).filter((d) => d.channel_id === channelIds.webhook).slice(-1);
    expect(delivery).toMatchObject({ status: 'DELIVERED', attempts: 3, event_id: tries[0]!.headers['webhook-id'] });
    const log = await stack.sql<{ status_code: number | null; error: string | null; duration_ms: number }>(
      'select status_code, error, duration_ms from delivery_attempts where delivery_id = $1 order by id',
      [delivery!.id],
    );
    expect(log.map((a) => a.status_code)).toEqual([500, 503, 200]);
    expect(log[0]!.error).toContain('HTTP 500');
    expect(log[2]!.error).toBeNull();
  });
});

describe('when the receiver is down, then comes back', () => {
  it('keeps retrying on connection errors and delivers once it is up', async () => {
    webhook.answer();
    await webhook.stop();
    await desync(stack.sql, 0); // resolves
    await stack.check();
    const pending = await waitFor(async () => {
      const [row] = await stack.sql<{ id: number; attempts: number }>(
        `select id, attempts from notification_deliveries where channel_id = $1 and event = 'alert.resolved' and status = 'PENDING' and attempts >= 2 order by id desc limit 1`,
        [channelIds.webhook],
      );
      return row;
    });
    const before = webhook.requests.length;
    await webhook.start();
    await waitFor(async () => (await stack.sql<{ status: string }>('select status from notification_deliveries where id = $1', [pending.id]))[0]!.status === 'DELIVERED');
    expect(webhook.requests.slice(before).map((r) => r.body.event)).toEqual(['alert.resolved']);
    const errors = await stack.sql<{ error: string | null }>('select error from delivery_attempts where delivery_id = $1 order by id', [pending.id]);
    expect(errors.slice(0, 2).every((e) => e.error?.startsWith('network:'))).toBe(true);
    expect(errors.at(-1)!.error).toBeNull();
  });
});

describe('when a rule is silenced', () => {
  it('notifies no one while the silence lasts, then re-notifies what still fires', async () => {
    const before = { webhook: webhook.requests.length, slack: slack.requests.length, mail: smtp.mails.length };
    const until = new Date(Date.now() + 4_000);
    await stack.scoped((s) => s.alerts.silence(actorOrigin(1), ruleId, until, 'maintenance window'));
    await desync(stack.sql, 60);
    await stack.check();
    await waitFor(async () => (await stack.sql<{ state: string }>('select state from alert_rules where id = $1', [ruleId]))[0]!.state === 'FIRING');
    const [fired] = await stack.sql<{ suppressed: string | null }>(`select suppressed from alert_transitions where rule_id = $1 and kind = 'fired' order by id desc limit 1`, [ruleId]);
    expect(fired!.suppressed).toBe('SILENCED');
    expect(webhook.requests.length).toBe(before.webhook);
    // The scheduled evaluation (every 2 s) after the end of the silence tells every channel.
    await waitFor(async () => webhook.requests.length > before.webhook && slack.requests.length > before.slack && smtp.mails.length > before.mail, 20_000);
    expect(Date.now()).toBeGreaterThanOrEqual(until.getTime());
    const renotified = webhook.requests.slice(before.webhook);
    expect(renotified.map((r) => [r.body.event, r.body.reason])).toEqual([['alert.firing', 'silence-ended']]);
  });
});

describe('when a receiver refuses with a 4xx', () => {
  it('does not retry, dead-letters the delivery, and the failing channel alerts on the others', async () => {
    await stack.sql(`update alert_rules set enabled = true where metric = 'FAILING_CHANNELS'`);
    webhook.answer(410);
    const before = { webhook: webhook.requests.length, slack: slack.requests.length };
    await desync(stack.sql, 0);
    await stack.check();
    const dead = await waitFor(async () => {
      const [row] = await stack.sql<{ id: number; attempts: number; last_error: string }>(
        `select id, attempts, last_error from notification_deliveries where channel_id = $1 and status = 'DEAD' order by id desc limit 1`,
        [channelIds.webhook],
      );
      return row;
    });
    expect(dead).toMatchObject({ attempts: 1 });
    expect(dead.last_error).toContain('HTTP 410');
    const page = await stack.scoped((s) => s.alerts.deliveriesPage({ deadOnly: true }, { direction: 'forward', size: 10 }));
    expect(page.rows.map((d) => d.id)).toContain(dead.id);
    // The next evaluation finds the failing channel and tells Slack, PagerDuty and email, not the webhook.
    await waitFor(async () => slack.requests.slice(before.slack).some((r) => String(r.body.text).includes('FAILING_CHANNELS')), 20_000);
    await waitFor(settled);
    expect(webhook.requests.slice(before.webhook + 1).some((r) => JSON.stringify(r.body).includes('FAILING_CHANNELS'))).toBe(false);
  });
});
