import { SYSTEM_ORIGIN } from '../../src/domain/audit/audit.types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newWebhookSecret } from '../../src/domain/alerts/channels/webhook-signature';
import { jobIdForDelivery } from '../../src/domain/jobs/alert-jobs';
import { startWorkerProcess, type ChildNode } from '../support/job-processes';
import { waitFor } from '../support/wait-for';
import { desync, FAST_ALERTS_ENV, startAlertStack, type AlertStack } from '../support/alert-stack';
import { HttpReceiver } from '../support/http-receiver';

const secret = newWebhookSecret();
const webhook = new HttpReceiver(secret);
let stack: AlertStack;
const workers: ChildNode[] = [];

beforeAll(async () => {
  await webhook.start();
  // The test process checks and evaluates; only the spawned workers consume the notifications queue.
  stack = await startAlertStack(200, {}, { alertWorkers: false });
  await stack.sql(`update alert_rules set enabled = (metric = 'CONSISTENCY_RATE')`);
  await stack.scoped((s) => s.alerts.createChannel(SYSTEM_ORIGIN, { name: 'ops webhook', kind: 'WEBHOOK', url: webhook.url, secret }));
  // A send that hangs must not time out before the kill: the worker dies mid-send.
  const env = { ...FAST_ALERTS_ENV, NOTIFICATION_TIMEOUT_MS: '60000', ALERT_EVALUATION_SECONDS: '600' };
  workers.push(...(await Promise.all([startWorkerProcess(stack.jobs, env, 'alpha'), startWorkerProcess(stack.jobs, env, 'beta')])));
}, 120_000);

afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  await stack?.close();
  await webhook.stop();
});

describe('when the worker sending a notification is killed mid-send', () => {
  it('another worker delivers it, with the same event id', async () => {
    webhook.hold();
    await desync(stack.sql, 20); // 90 %: CRITICAL
    await stack.check();
    await stack.scoped((s) => s.alertEvaluator.evaluate());
    const first = await waitFor(async () => webhook.requests[0], 30_000);
    const [delivery] = await stack.sql<{ id: number }>('select id from notification_deliveries order by id desc limit 1');
    const job = await stack.runtime.alertQueues.notifications.getJob(jobIdForDelivery(delivery!.id));
    const sender = workers.find((w) => w.name === job?.processedBy);
    expect(sender).toBeDefined();
    await sender!.stop(); // SIGKILL
    webhook.release();

    // The job's lock expires and the stalled sweep hands it to the surviving worker.
    await waitFor(async () => (await stack.sql<{ status: string }>('select status from notification_deliveries where id = $1', [delivery!.id]))[0]!.status === 'DELIVERED', 45_000);
    expect(webhook.requests).toHaveLength(2);
    const [again] = webhook.requests.slice(1);
    expect(again!.headers['webhook-id']).toBe(first.headers['webhook-id']);
    expect(again!.body).toEqual(first.body);
    expect(again!.verified).toBe(true);
    const attempts = await stack.sql<{ status_code: number }>('select status_code from delivery_attempts where delivery_id = $1', [delivery!.id]);
    // The killed try never finished, so it left no attempt; the one that did is logged.
    expect(attempts.map((a) => a.status_code)).toEqual([200]);
  }, 90_000);
});
