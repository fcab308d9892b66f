import { SYSTEM_ORIGIN, actorOrigin } from '../../src/domain/audit/audit.types';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertSnapshot } from '../../src/domain/alerts/alert.types';
import { TOPICS } from '../../src/domain/events/topics';
import { waitFor } from '../support/wait-for';
import { desync, startAlertStack, type AlertStack } from '../support/alert-stack';

// Deliveries are created, not sent, here (no alert workers): the evaluator is called step by step.
let stack: AlertStack;
let consistencyRule: number;
let workersRule: number;
let hook: number;
let pager: number;
let admin: number;
const published: AlertSnapshot[] = [];

interface Delivery {
  channel_id: number;
  event: string;
  reason: string;
  text: string;
}
let seen = 0;
/** Deliveries created since the previous call. */
async function newDeliveries(): Promise<Delivery[]> {
  const rows = await stack.sql<Delivery & { id: number }>(
    `select id, channel_id, event, payload->>'reason' as reason, payload->>'text' as text from notification_deliveries where id > $1 order by id`,
    [seen],
  );
  seen = rows.at(-1)?.id ?? seen;
  return rows.map(({ id: _id, ...row }) => row);
}
const evaluate = () => stack.scoped((s) => s.alertEvaluator.evaluate());
const currentAlert = async (ruleId: number) =>
  (await stack.sql<{ id: number; severity: string; suppressed_by: string | null; acknowledged_at: Date | null; state: string }>(
    'select a.id, a.severity, a.suppressed_by, a.acknowledged_at, a.state from alerts a join alert_rules r on r.current_alert_id = a.id where r.id = $1',
    [ruleId],
  ))[0];

beforeAll(async () => {
  stack = await startAlertStack(200, {}, { alertWorkers: false });
  await stack.runtime.bus.ready();
  stack.runtime.bus.on(TOPICS.ALERTS_CHANGED, (alert) => void published.push(alert));
  await stack.sql(`update alert_rules set enabled = false`);
  [{ id: consistencyRule }] = (await stack.sql<{ id: number }>(`select id from alert_rules where metric = 'CONSISTENCY_RATE'`)) as [{ id: number }];
  [{ id: workersRule }] = (await stack.sql<{ id: number }>(`select id from alert_rules where metric = 'WORKERS_ONLINE'`)) as [{ id: number }];
  [{ id: admin }] = (await stack.sql<{ id: number }>(`insert into users (email, password_hash, full_name, role) values ('oncall@levelsync.test', 'x', 'On Call', 'ADMIN') returning id`)) as [{ id: number }];
  hook = (await stack.scoped((s) => s.alerts.createChannel(SYSTEM_ORIGIN, { name: 'hook', kind: 'WEBHOOK', url: 'http://127.0.0.1:9/hook' }))).id;
  pager = (await stack.scoped((s) => s.alerts.createChannel(SYSTEM_ORIGIN, { name: 'pager', kind: 'PAGERDUTY', routingKey: 'R0UT1NGKEY0123456789abcdefABCDEF' }))).id;
  await stack.scoped((s) =>
    s.alerts.updateRule(SYSTEM_ORIGIN, consistencyRule, {
      name: 'Consistency rate',
      metric: 'CONSISTENCY_RATE',
      warning: 99,
      critical: 95,
      forSeconds: 0,
      recoveryMargin: 0.5,
      repeatIntervalSeconds: 1,
      enabled: true,
      channelIds: [hook],
      escalationChannelId: pager,
      escalateAfterSeconds: 1,
    }),
  );
});

afterAll(() => stack?.close());

describe('an alert that keeps firing', () => {
  it('is published on every transition', async () => {
    await desync(stack.sql, 4); // 98 %: WARNING
    await stack.check();
    await evaluate();
    await waitFor(async () => published.some((a) => a.ruleId === consistencyRule && a.state === 'FIRING'));
    expect(published.at(-1)).toMatchObject({ metric: 'CONSISTENCY_RATE', state: 'FIRING', severity: 'WARNING', value: 98 });
    expect(await newDeliveries()).toEqual([{ channel_id: hook, event: 'alert.firing', reason: 'fired', text: expect.stringContaining('WARNING') }]);
  });

  it('reminds, saying how long it has fired, until acknowledged', async () => {
    await sleep(1_100);
    await evaluate();
    const [reminder] = await newDeliveries();
    expect(reminder).toMatchObject({ channel_id: hook, event: 'alert.firing', reason: 'reminder' });
    expect(reminder!.text).toMatch(/still firing after \d+ s/);

    const alert = (await currentAlert(consistencyRule))!;
    const acknowledged = await stack.scoped((s) => s.alerts.acknowledge(actorOrigin(admin), alert.id));
    expect(acknowledged.acknowledgedById).toBe(admin);
    await sleep(1_100);
    await evaluate();
    expect(await newDeliveries()).toEqual([]);
  });

  it('escalates to CRITICAL (clearing the acknowledgement), then calls the escalation channel when left unacknowledged', async () => {
    await desync(stack.sql, 12); // 94 %
    await stack.check();
    await evaluate();
    expect(await newDeliveries()).toEqual([{ channel_id: hook, event: 'alert.escalated', reason: 'escalated', text: expect.stringContaining('CRITICAL') }]);
    expect(await currentAlert(consistencyRule)).toMatchObject({ severity: 'CRITICAL', acknowledged_at: null });

    await sleep(1_100);
    await evaluate();
    const calls = await newDeliveries();
    expect(calls.filter((d) => d.channel_id === pager)).toEqual([{ channel_id: pager, event: 'alert.escalated', reason: 'escalation', text: expect.stringContaining('escalated') }]);
    // Escalation calls once.
    await sleep(1_100);
    await evaluate();
    expect((await newDeliveries()).filter((d) => d.channel_id === pager)).toEqual([]);
  });

  it('resolves once repaired, told to the channels that heard it fire', async () => {
    await desync(stack.sql, 0);
    await stack.check();
    await evaluate();
    expect(await newDeliveries()).toEqual([{ channel_id: hook, event: 'alert.resolved', reason: 'resolved', text: expect.stringContaining('RESOLVED') }]);
  });
});

describe('when no worker is online', () => {
  it('inhibits the consistency alert it causes, visibly, and tells it once workers are back', async () => {
    await stack.scoped((s) => s.alerts.updateRule(SYSTEM_ORIGIN, workersRule, { name: 'Workers online', metric: 'WORKERS_ONLINE', critical: 1, forSeconds: 0, enabled: true, channelIds: [hook] }));
    await stack.scoped((s) => s.alerts.updateRule(SYSTEM_ORIGIN, consistencyRule, { name: 'Consistency rate', metric: 'CONSISTENCY_RATE', warning: 99, critical: 95, forSeconds: 0, enabled: false }));
    await desync(stack.sql, 12);
    await stack.check();
    await stack.stopIntegrityWorker();
    await stack.scoped((s) => s.alerts.updateRule(SYSTEM_ORIGIN, consistencyRule, { name: 'Consistency rate', metric: 'CONSISTENCY_RATE', warning: 99, critical: 95, forSeconds: 0, enabled: true, channelIds: [hook] }));
    await newDeliveries();
    await evaluate();

    const told = await newDeliveries();
    expect(told.map((d) => d.text)).toEqual([expect.stringContaining('WORKERS_ONLINE')]);
    expect(await currentAlert(consistencyRule)).toMatchObject({ state: 'FIRING', severity: 'CRITICAL', suppressed_by: 'Workers online' });
    const [fired] = await stack.sql<{ suppressed: string }>(`select suppressed from alert_transitions where rule_id = $1 order by id desc limit 1`, [consistencyRule]);
    expect(fired!.suppressed).toBe('Workers online');

    await stack.startIntegrityWorker();
    await evaluate();
    const after = await newDeliveries();
    expect(after.map((d) => [d.event, d.reason, d.text.includes('WORKERS_ONLINE') ? 'workers' : 'consistency'])).toEqual([
      ['alert.resolved', 'resolved', 'workers'],
      ['alert.firing', 'unsuppressed', 'consistency'],
    ]);
    expect(await currentAlert(consistencyRule)).toMatchObject({ suppressed_by: null });
  });
});
