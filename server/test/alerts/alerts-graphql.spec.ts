import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { newWebhookSecret } from '../../src/domain/alerts/channels/webhook-signature';
import { startTestApp, type TestApp } from '../support/test-app';
import { HttpReceiver } from '../support/http-receiver';

const RULE_FIELDS = 'id name metric warning critical forSeconds recoveryMargin repeatIntervalSeconds enabled state severity value silencedUntil silenceReason channels { id name kind enabled }';
const CREATE_RULE = `mutation ($input: AlertRuleInput!) { createAlertRule(input: $input) { ${RULE_FIELDS} } }`;
const UPDATE_RULE = `mutation ($id: ID!, $input: AlertRuleInput!) { updateAlertRule(id: $id, input: $input) { ${RULE_FIELDS} } }`;
const CREATE_CHANNEL = `mutation ($input: NotificationChannelInput!) { createNotificationChannel(input: $input) { id name kind enabled target hasSecret } }`;
const UPDATE_CHANNEL = `mutation ($id: ID!, $input: NotificationChannelInput!) { updateNotificationChannel(id: $id, input: $input) { id hasSecret previousSecretUntil } }`;
const TEST = `mutation ($id: ID!) { sendTestNotification(channelId: $id) { id event eventId status attempts lastError deliveredAt channel { id } alert { id } attemptLog { statusCode error durationMs } } }`;

type Errors = Array<{ message: string; extensions?: Record<string, unknown> }> | undefined;
const codeAndField = (errors: Errors) => [errors?.[0]?.extensions?.code, errors?.[0]?.extensions?.field];

describe('alerting over GraphQL', () => {
  let app: TestApp;
  let admin: string;
  const receiver = new HttpReceiver();

  beforeAll(async () => {
    await receiver.start();
    app = await startTestApp();
    admin = await app.adminToken();
  });
  afterAll(async () => {
    await app.close();
    await receiver.stop();
  });

  it('carries the seeded default rules, enabled, with strict thresholds from the issue', async () => {
    const { body } = await app.gql<{ alertRules: Array<{ metric: string; warning: number | null; critical: number | null; forSeconds: number; enabled: boolean; state: string }> }>(
      `{ alertRules { ${RULE_FIELDS} } }`,
      {},
      admin,
    );
    const byMetric = Object.fromEntries(body.data!.alertRules.map((r) => [r.metric, r]));
    expect(byMetric.CONSISTENCY_RATE).toMatchObject({ warning: 99, critical: 95, enabled: true, state: 'INACTIVE' });
    expect(byMetric.API_ERROR_RATE).toMatchObject({ warning: 0.5, critical: 2 });
    expect(byMetric.API_P95_LATENCY_MS).toMatchObject({ warning: 200, critical: 500 });
    expect(byMetric.FAILED_INTEGRITY_JOBS_1H).toMatchObject({ warning: 0, critical: 2 });
    expect(byMetric.WORKERS_ONLINE).toMatchObject({ warning: null, critical: 1, forSeconds: 120 });
    expect(byMetric.DATABASE_SIZE_PERCENT).toMatchObject({ warning: 80, critical: 90 });
    expect(byMetric.PROCESS_MEMORY_MB).toMatchObject({ warning: null, critical: null });
  });

  it('is refused to non-admins', async () => {
    const instructor = await app.createUser('INSTRUCTOR');
    for (const operation of ['{ alertRules { id } }', '{ notificationChannels { id } }', '{ alerts { totalCount } }', '{ notificationDeliveries { totalCount } }']) {
      const { body } = await app.gql(operation, {}, instructor.token);
      expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const { body } = await app.gql(CREATE_RULE, { input: { name: 'x', metric: 'QUEUE_DEPTH', critical: 5 } }, instructor.token);
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses inconsistent rules with BAD_USER_INPUT naming the field, and stores nothing', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ name: 'r', metric: 'NOPE', critical: 1 }, 'metric'],
      [{ name: 'r', metric: 'API_P95_LATENCY_MS', warning: 600, critical: 500 }, 'warning'],
      [{ name: 'r', metric: 'CONSISTENCY_RATE', warning: 90, critical: 95 }, 'warning'],
      [{ name: 'r', metric: 'QUEUE_DEPTH', critical: 5, forSeconds: -1 }, 'forSeconds'],
      [{ name: 'r', metric: 'QUEUE_DEPTH', critical: 5, repeatIntervalSeconds: -5 }, 'repeatIntervalSeconds'],
      [{ name: 'r', metric: 'QUEUE_DEPTH', critical: 5, recoveryMargin: -0.1 }, 'recoveryMargin'],
      [{ name: 'r', metric: 'QUEUE_DEPTH' }, 'critical'],
      [{ name: 'r', metric: 'QUEUE_DEPTH', critical: 5, channelIds: ['999999'] }, 'channelIds'],
      [{ name: ' ', metric: 'QUEUE_DEPTH', critical: 5 }, 'name'],
      [{ name: 'deep\u0000queue', metric: 'QUEUE_DEPTH', critical: 5 }, 'name'],
    ];
    const [{ count: before }] = (await app.sql<{ count: number }>('select count(*)::int as count from alert_rules')) as [{ count: number }];
    for (const [input, field] of cases) {
      const { body } = await app.gql(CREATE_RULE, { input }, admin);
      expect(codeAndField(body.errors), JSON.stringify(input)).toEqual(['BAD_USER_INPUT', field]);
    }
    expect((await app.sql<{ count: number }>('select count(*)::int as count from alert_rules'))[0]!.count).toBe(before);
  });

  it('creates and updates a rule with its channels', async () => {
    const channel = await app.gql<{ createNotificationChannel: { id: string } }>(CREATE_CHANNEL, { input: { name: 'hooks', kind: 'WEBHOOK', url: receiver.url } }, admin);
    const channelId = channel.body.data!.createNotificationChannel.id;
    const created = await app.gql<{ createAlertRule: { id: string; channels: Array<{ id: string }> } }>(
      CREATE_RULE,
      { input: { name: 'Deep queue', metric: 'QUEUE_DEPTH', warning: 10, critical: 50, forSeconds: 60, recoveryMargin: 2, channelIds: [channelId] } },
      admin,
    );
    expect(created.body.errors).toBeUndefined();
    const rule = created.body.data!.createAlertRule;
    expect(rule.channels.map((c) => c.id)).toEqual([channelId]);
    const updated = await app.gql<{ updateAlertRule: { critical: number; enabled: boolean } }>(
      UPDATE_RULE,
      { id: rule.id, input: { name: 'Deep queue', metric: 'QUEUE_DEPTH', warning: 10, critical: 80, enabled: false } },
      admin,
    );
    expect(updated.body.data!.updateAlertRule).toMatchObject({ critical: 80, enabled: false });
    const duplicate = await app.gql(CREATE_RULE, { input: { name: 'Deep queue', metric: 'QUEUE_DEPTH', critical: 5 } }, admin);
    expect(codeAndField(duplicate.body.errors)).toEqual(['BAD_USER_INPUT', 'name']);
  });

  it('accepts only http(s) URLs without credentials, and valid secrets', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ name: 'a', kind: 'WEBHOOK', url: 'ftp://127.0.0.1/x' }, 'url'],
      [{ name: 'a', kind: 'WEBHOOK', url: 'http://user:pass@127.0.0.1/x' }, 'url'],
      [{ name: 'a', kind: 'WEBHOOK', url: 'not a url' }, 'url'],
      [{ name: 'a', kind: 'WEBHOOK', url: receiver.url, secret: 'plain-secret' }, 'secret'],
      [{ name: 'a', kind: 'SLACK' }, 'url'],
      [{ name: 'a', kind: 'PAGERDUTY' }, 'routingKey'],
      [{ name: 'a', kind: 'EMAIL', smtpHost: '127.0.0.1', from: 'alerts@levelsync.test', to: ['nobody'] }, 'to'],
      [{ name: 'a', kind: 'EMAIL', from: 'alerts@levelsync.test', to: ['ops@levelsync.test'] }, 'smtpHost'],
      // PostgreSQL cannot store NUL in text: refused up front, never an internal error.
      [{ name: 'a\u0000', kind: 'WEBHOOK', url: receiver.url }, 'name'],
      [{ name: 'a', kind: 'EMAIL', smtpHost: '127.0.0.1\u0000', from: 'alerts@levelsync.test', to: ['ops@levelsync.test'] }, 'smtpHost'],
      [{ name: 'a', kind: 'EMAIL', smtpHost: '127.0.0.1', smtpPassword: 'pa\u0000ss', from: 'alerts@levelsync.test', to: ['ops@levelsync.test'] }, 'smtpPassword'],
      [{ name: 'a', kind: 'EMAIL', smtpHost: '127.0.0.1', from: 'alerts@levelsync.test', to: ['ops\u0000@levelsync.test'] }, 'to'],
    ];
    for (const [input, field] of cases) {
      const { body } = await app.gql(CREATE_CHANNEL, { input }, admin);
      expect(codeAndField(body.errors), JSON.stringify(input)).toEqual(['BAD_USER_INPUT', field]);
    }
  });

  it('never returns a secret: the schema has no field for one, and logs redact them', async () => {
    const { body } = await app.gql<{ __type: { fields: Array<{ name: string }> } }>(`{ __type(name: "NotificationChannel") { fields { name } } }`, {}, admin);
    const names = body.data!.__type.fields.map((f) => f.name);
    for (const secretField of ['url', 'secret', 'routingKey', 'smtpPassword', 'previousSecret']) expect(names).not.toContain(secretField);
    const slack = await app.gql<{ createNotificationChannel: { target: string; hasSecret: boolean } }>(
      CREATE_CHANNEL,
      { input: { name: 'slack', kind: 'SLACK', url: 'http://127.0.0.1:9/services/T000/B000/XXXXSECRET', enabled: false } },
      admin,
    );
    expect(slack.body.data!.createNotificationChannel.target).toBe('127.0.0.1:9');
    expect(JSON.stringify(slack.body)).not.toContain('XXXXSECRET');
  });

  it('sends a test notification and answers with the delivery result', async () => {
    const secret = newWebhookSecret();
    const created = await app.gql<{ createNotificationChannel: { id: string; hasSecret: boolean } }>(
      CREATE_CHANNEL,
      { input: { name: 'signed', kind: 'WEBHOOK', url: receiver.url, secret } },
      admin,
    );
    const id = created.body.data!.createNotificationChannel.id;
    expect(created.body.data!.createNotificationChannel.hasSecret).toBe(true);
    const ok = await app.gql<{ sendTestNotification: { status: string; attempts: number; event: string; eventId: string; attemptLog: Array<{ statusCode: number }> } }>(TEST, { id }, admin);
    expect(ok.body.data!.sendTestNotification).toMatchObject({ status: 'DELIVERED', attempts: 1, event: 'test', attemptLog: [{ statusCode: 200 }] });
    const request = receiver.requests.at(-1)!;
    expect(() => new Webhook(secret).verify(request.raw, request.headers as Record<string, string>)).not.toThrow();
    expect(request.headers['webhook-id']).toBe(ok.body.data!.sendTestNotification.eventId);

    receiver.answer(500);
    const failed = await app.gql<{ sendTestNotification: { status: string; lastError: string } }>(TEST, { id }, admin);
    expect(failed.body.data!.sendTestNotification).toMatchObject({ status: 'DEAD' });
    expect(failed.body.data!.sendTestNotification.lastError).toContain('HTTP 500');
  });

  it('signs with both the old and the new secret after a rotation', async () => {
    const oldSecret = newWebhookSecret();
    const newSecret = newWebhookSecret();
    const created = await app.gql<{ createNotificationChannel: { id: string } }>(CREATE_CHANNEL, { input: { name: 'rotating', kind: 'WEBHOOK', url: receiver.url, secret: oldSecret } }, admin);
    const id = created.body.data!.createNotificationChannel.id;
    const rotated = await app.gql<{ updateNotificationChannel: { previousSecretUntil: string | null } }>(
      UPDATE_CHANNEL,
      { id, input: { name: 'rotating', kind: 'WEBHOOK', secret: newSecret } },
      admin,
    );
    expect(rotated.body.data!.updateNotificationChannel.previousSecretUntil).not.toBeNull();
    await app.gql(TEST, { id }, admin);
    const request = receiver.requests.at(-1)!;
    expect(String(request.headers['webhook-signature']).split(' ')).toHaveLength(2);
    for (const secret of [oldSecret, newSecret]) {
      expect(() => new Webhook(secret).verify(request.raw, request.headers as Record<string, string>)).not.toThrow();
    }
  });

  it('lists deliveries with their attempt log, per channel and the dead letters', async () => {
    const { body } = await app.gql<{ notificationDeliveries: { totalCount: number; edges: Array<{ node: { status: string; attemptLog: unknown[] } }> } }>(
      `{ notificationDeliveries(first: 10, deadOnly: true) { totalCount edges { node { status attemptLog { statusCode error durationMs at } } } } }`,
      {},
      admin,
    );
    expect(body.data!.notificationDeliveries.totalCount).toBeGreaterThanOrEqual(1);
    expect(body.data!.notificationDeliveries.edges.every((e) => e.node.status === 'DEAD' && e.node.attemptLog.length === 1)).toBe(true);
  });

  it('refuses a silence in the past or without a reason', async () => {
    const [{ id }] = (await app.sql<{ id: number }>(`select id from alert_rules where metric = 'CONSISTENCY_RATE'`)) as [{ id: number }];
    const silence = `mutation ($ruleId: ID!, $until: DateTimeISO!, $reason: String!) { silenceAlerts(ruleId: $ruleId, until: $until, reason: $reason) { silencedUntil silenceReason } }`;
    const past = await app.gql(silence, { ruleId: String(id), until: new Date(Date.now() - 1000).toISOString(), reason: 'x' }, admin);
    expect(codeAndField(past.body.errors), JSON.stringify(past.body.errors)).toEqual(['BAD_USER_INPUT', 'until']);
    const blank = await app.gql(silence, { ruleId: String(id), until: new Date(Date.now() + 60_000).toISOString(), reason: '  ' }, admin);
    expect(codeAndField(blank.body.errors)).toEqual(['BAD_USER_INPUT', 'reason']);
    const nul = await app.gql(silence, { ruleId: String(id), until: new Date(Date.now() + 60_000).toISOString(), reason: 'deploy\u0000' }, admin);
    expect(codeAndField(nul.body.errors)).toEqual(['BAD_USER_INPUT', 'reason']);
    const everything = await app.gql('mutation ($until: DateTimeISO!) { silenceAllAlerts(until: $until, reason: "deploy\\u0000") { id } }', { until: new Date(Date.now() + 60_000).toISOString() }, admin);
    expect(codeAndField(everything.body.errors)).toEqual(['BAD_USER_INPUT', 'reason']);
    const until = new Date(Date.now() + 15 * 60_000).toISOString();
    const ok = await app.gql<{ silenceAlerts: { silencedUntil: string; silenceReason: string } }>(silence, { ruleId: String(id), until, reason: 'deploy' }, admin);
    expect(ok.body.data!.silenceAlerts).toEqual({ silencedUntil: until, silenceReason: 'deploy' });
  });
});
