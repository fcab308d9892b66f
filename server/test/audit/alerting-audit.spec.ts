import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, type GraphQLResponse, type TestApp } from '../support/test-app';

interface AuditRow {
  action: string;
  actor_id: number | null;
  target_type: string | null;
  target_id: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  client_address: string | null;
}

/** Alerting's configuration and on-call actions, each recorded with its actor and request id, never a secret. */
describe('the audit trail of alerting', () => {
  let app: TestApp;
  let adminToken: string;
  let adminId: number;
  let requests = 0;

  const call = async <T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}, token = adminToken) => {
    requests += 1;
    const requestId = `alerting-audit-${requests}`;
    const response = await fetch(app.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': requestId, authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return { requestId, body: (await response.json()) as GraphQLResponse<T>['body'] };
  };
  const entriesOf = (requestId: string) => app.sql<AuditRow>('select * from audit_log where request_id = ? order by id', [requestId]);

  beforeAll(async () => {
    app = await startTestApp({}, { liveEvents: true });
    const login = await fetch(app.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken user { id } } }',
        variables: { e: ADMIN_EMAIL, p: ADMIN_PASSWORD },
      }),
    });
    const body = (await login.json()) as { data: { login: { accessToken: string; user: { id: string } } } };
    adminToken = body.data.login.accessToken;
    adminId = Number(body.data.login.user.id);
  });
  afterAll(() => app.close());

  it('records channel changes without their secrets, and a rotation as such', async () => {
    const secret = `whsec_${Buffer.from('a-webhook-signing-key-of-32-bytes').toString('base64')}`;
    const created = await call<{ createNotificationChannel: { id: string } }>(
      'mutation ($input: NotificationChannelInput!) { createNotificationChannel(input: $input) { id } }',
      { input: { name: 'Audited hook', kind: 'WEBHOOK', url: 'http://127.0.0.1:9/hook', secret, enabled: false } },
    );
    expect(created.body.errors).toBeUndefined();
    const channelId = created.body.data!.createNotificationChannel.id;
    const [entry] = await entriesOf(created.requestId);
    expect(entry).toMatchObject({
      action: 'NOTIFICATION_CHANNEL_CREATED',
      actor_id: adminId,
      target_type: 'NotificationChannel',
      target_id: channelId,
      client_address: '127.0.0.1',
      after: { name: 'Audited hook', kind: 'WEBHOOK', host: '127.0.0.1:9', secretSet: true },
    });
    expect(JSON.stringify(entry)).not.toContain(secret);

    const rotatedSecret = `whsec_${Buffer.from('another-webhook-signing-key-32by').toString('base64')}`;
    const updated = await call(
      'mutation ($id: ID!, $input: NotificationChannelInput!) { updateNotificationChannel(id: $id, input: $input) { id } }',
      { id: channelId, input: { name: 'Audited hook 2', kind: 'WEBHOOK', secret: rotatedSecret } },
    );
    expect(updated.body.errors).toBeUndefined();
    const [change] = await entriesOf(updated.requestId);
    expect(change).toMatchObject({ action: 'NOTIFICATION_CHANNEL_UPDATED', before: { name: 'Audited hook' }, after: { name: 'Audited hook 2', secretRotated: true } });
    expect(JSON.stringify(change)).not.toContain(rotatedSecret);

    const deleted = await call('mutation ($id: ID!) { deleteNotificationChannel(id: $id) }', { id: channelId });
    expect(await entriesOf(deleted.requestId)).toMatchObject([{ action: 'NOTIFICATION_CHANNEL_DELETED', actor_id: adminId, before: { name: 'Audited hook 2' } }]);
  });

  it('records rule changes with before and after, and a refused change not at all', async () => {
    const created = await call<{ createAlertRule: { id: string } }>(
      'mutation ($input: AlertRuleInput!) { createAlertRule(input: $input) { id } }',
      { input: { name: 'Audited backlog', metric: 'QUEUE_DEPTH', warning: 10, critical: 50 } },
    );
    expect(created.body.errors).toBeUndefined();
    const ruleId = created.body.data!.createAlertRule.id;
    expect(await entriesOf(created.requestId)).toMatchObject([
      { action: 'ALERT_RULE_CREATED', actor_id: adminId, target_type: 'AlertRule', target_id: ruleId, after: { metric: 'QUEUE_DEPTH', warning: 10, critical: 50 } },
    ]);

    const refused = await call(
      'mutation ($id: ID!, $input: AlertRuleInput!) { updateAlertRule(id: $id, input: $input) { id } }',
      { id: ruleId, input: { name: 'Audited backlog', metric: 'QUEUE_DEPTH', warning: 60, critical: 50 } },
    );
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await entriesOf(refused.requestId)).toEqual([]);

    const updated = await call(
      'mutation ($id: ID!, $input: AlertRuleInput!) { updateAlertRule(id: $id, input: $input) { id } }',
      { id: ruleId, input: { name: 'Audited backlog', metric: 'QUEUE_DEPTH', warning: 20, critical: 50 } },
    );
    expect(await entriesOf(updated.requestId)).toMatchObject([{ action: 'ALERT_RULE_UPDATED', before: { warning: 10 }, after: { warning: 20 } }]);

    const until = new Date(Date.now() + 3_600_000).toISOString();
    const silenced = await call('mutation ($id: ID!, $until: DateTimeISO!) { silenceAlerts(ruleId: $id, until: $until, reason: "maintenance") { id } }', { id: ruleId, until });
    expect(await entriesOf(silenced.requestId)).toMatchObject([{ action: 'ALERTS_SILENCED', actor_id: adminId, target_id: ruleId, after: { reason: 'maintenance', until } }]);
    const unsilenced = await call('mutation ($id: ID!) { unsilenceAlerts(ruleId: $id) { id } }', { id: ruleId });
    expect(await entriesOf(unsilenced.requestId)).toMatchObject([{ action: 'ALERTS_UNSILENCED', before: { reason: 'maintenance' } }]);

    const deleted = await call('mutation ($id: ID!) { deleteAlertRule(id: $id) }', { id: ruleId });
    expect(await entriesOf(deleted.requestId)).toMatchObject([{ action: 'ALERT_RULE_DELETED', target_id: ruleId, before: { name: 'Audited backlog' } }]);
  });

  it('records an acknowledgement by an operator', async () => {
    const operator = await app.createUser('OPERATOR');
    const [rule] = await app.sql<{ id: number }>("select id from alert_rules where metric = 'CONSISTENCY_RATE' order by id limit 1");
    const [alert] = await app.sql<{ id: number }>(
      "insert into alerts (rule_id, severity, state, value, started_at) values (?, 'CRITICAL', 'FIRING', 90, now()) returning id",
      [rule!.id],
    );
    const acknowledged = await call<{ acknowledgeAlert: { acknowledgedAt: string } }>(
      'mutation ($id: ID!) { acknowledgeAlert(id: $id) { acknowledgedAt } }',
      { id: String(alert!.id) },
      operator.token,
    );
    expect(acknowledged.body.errors).toBeUndefined();
    expect(await entriesOf(acknowledged.requestId)).toMatchObject([
      { action: 'ALERT_ACKNOWLEDGED', actor_id: operator.id, target_type: 'Alert', target_id: String(alert!.id), after: { severity: 'CRITICAL', value: 90 } },
    ]);
    // A second acknowledgement changes nothing and records nothing.
    const again = await call('mutation ($id: ID!) { acknowledgeAlert(id: $id) { id } }', { id: String(alert!.id) }, operator.token);
    expect(await entriesOf(again.requestId)).toEqual([]);
  });
});
