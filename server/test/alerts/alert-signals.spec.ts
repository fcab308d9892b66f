import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from 'pg';
import { MIN_JUDGED_API_REQUESTS } from '../../src/domain/alerts/alert-metrics.repository';
import { ProcessSampler } from '../../src/domain/alerts/process-sampler';
import { createLogger } from '../../src/domain/logging/logger';
import { AlertWatchdog } from '../../src/jobs/alerts/alert-watchdog';
import { startAlertStack, type AlertStack } from '../support/alert-stack';

let stack: AlertStack;
const evaluate = () => stack.scoped((s) => s.alertEvaluator.evaluate());
const rule = async (metric: string) =>
  (await stack.sql<{ state: string; severity: string | null; value: number | null }>('select state, severity, value from alert_rules where metric = $1', [metric]))[0]!;

beforeAll(async () => {
  stack = await startAlertStack(50, {}, { alertWorkers: false });
  await stack.sql(`update alert_rules set enabled = false`);
});
afterAll(() => stack?.close());

describe('API error rate and latency over N replicas', () => {
  it('does not judge a window of fewer than 100 requests: a few slow or failed first requests after a start raise nothing', async () => {
    const quiet = new ProcessSampler(stack.orm, 'API');
    for (let i = 0; i < MIN_JUDGED_API_REQUESTS - 1; i += 1) quiet.recordRequest(900, i % 2 === 0);
    await quiet.flush();
    await stack.sql(`update alert_rules set enabled = true, for_seconds = 0 where metric in ('API_ERROR_RATE', 'API_P95_LATENCY_MS')`);
    await evaluate();
    expect(await rule('API_ERROR_RATE')).toMatchObject({ state: 'INACTIVE', value: 0 });
    expect(await rule('API_P95_LATENCY_MS')).toMatchObject({ state: 'INACTIVE', value: 0 });
    // One more request and the same window is judged.
    quiet.recordRequest(900, false);
    await quiet.flush();
    await evaluate();
    expect(await rule('API_P95_LATENCY_MS')).toMatchObject({ state: 'FIRING', severity: 'CRITICAL' });
    // An empty window again: the alert resolves, and the next test starts from nothing.
    await stack.sql(`delete from process_samples where kind = 'API'`);
    await evaluate();
    expect(await rule('API_P95_LATENCY_MS')).toMatchObject({ state: 'INACTIVE', value: 0 });
  });

  it('sums every replica’s buckets of the window, a dead replica’s included', async () => {
    const [a, b, dead] = [new ProcessSampler(stack.orm, 'API'), new ProcessSampler(stack.orm, 'API'), new ProcessSampler(stack.orm, 'API')];
    for (let i = 0; i < 100; i += 1) a.recordRequest(20, i < 1); // 1 % errors, fast
    for (let i = 0; i < 100; i += 1) b.recordRequest(i < 10 ? 900 : 30, false); // slow tail
    b.recordInternalError(); // a 200 carrying INTERNAL_SERVER_ERROR
    for (let i = 0; i < 100; i += 1) dead.recordRequest(40, i < 8);
    await Promise.all([a.flush(), b.flush(), dead.flush()]);
    // The third replica dies: what it wrote stays in the window.
    await stack.sql(`update alert_rules set enabled = true, for_seconds = 0 where metric in ('API_ERROR_RATE', 'API_P95_LATENCY_MS')`);
    await evaluate();
    // (1 + 1 + 8) errors over 300 requests.
    expect(await rule('API_ERROR_RATE')).toMatchObject({ state: 'FIRING', severity: 'CRITICAL' });
    expect((await rule('API_ERROR_RATE')).value).toBeCloseTo((100 * 10) / 300, 5);
    // 10 of 300 requests at 900 ms: the 95th percentile (rank 285) is among the fast ones, under 200 ms.
    expect(await rule('API_P95_LATENCY_MS')).toMatchObject({ state: 'INACTIVE' });
    expect((await rule('API_P95_LATENCY_MS')).value).toBeLessThan(200);
    const rows = await stack.sql<{ n: number }>(`select count(distinct process_id)::int as n from process_samples where kind = 'API'`);
    expect(rows[0]!.n).toBe(3);
  });
});

describe('memory and database size', () => {
  it('fires on the largest RSS any process reported, and leaves the size rule without a value when no capacity is set', async () => {
    const worker = new ProcessSampler(stack.orm, 'WORKER');
    await worker.flush();
    await stack.sql(`update alert_rules set enabled = true, for_seconds = 0, warning = 1, critical = 2 where metric = 'PROCESS_MEMORY_MB'`);
    await stack.sql(`update alert_rules set enabled = true, for_seconds = 0 where metric = 'DATABASE_SIZE_PERCENT'`);
    await evaluate();
    expect(await rule('PROCESS_MEMORY_MB')).toMatchObject({ state: 'FIRING', severity: 'CRITICAL' });
    expect((await rule('PROCESS_MEMORY_MB')).value).toBeGreaterThan(2);
    expect(await rule('DATABASE_SIZE_PERCENT')).toMatchObject({ state: 'INACTIVE', value: null });
  });
});

describe('one evaluation at a time', () => {
  it('skips an evaluation while another holds the lock', async () => {
    const other = new Client({ connectionString: stack.jobs.databaseUrl });
    await other.connect();
    try {
      await other.query('begin');
      await other.query('select pg_advisory_xact_lock(7310424, 11)');
      expect((await evaluate()).ran).toBe(false);
      await other.query('commit');
      expect((await evaluate()).ran).toBe(true);
    } finally {
      await other.end();
    }
  });
});

describe('when no worker evaluates', () => {
  it('the API watchdog evaluates, so "workers online" fires', async () => {
    await stack.stopIntegrityWorker();
    await stack.sql(`update alert_rules set enabled = (metric = 'WORKERS_ONLINE'), for_seconds = 0`);
    const watchdog = new AlertWatchdog(stack.orm, stack.services.alertEvaluator, 30, createLogger('silent', 'test'));
    await evaluate(); // a fresh evaluation: nothing is overdue
    expect(await watchdog.tick()).toBe(false);
    await stack.sql(`update alert_rules set evaluated_at = now() - interval '10 minutes'`);
    expect(await watchdog.tick()).toBe(true);
    expect(await rule('WORKERS_ONLINE')).toMatchObject({ state: 'FIRING', severity: 'CRITICAL', value: 0 });
    await stack.startIntegrityWorker();
  });
});
