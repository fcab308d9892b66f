import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTEGRITY_QUEUE } from '../../src/domain/jobs/job-catalogue';
import { connectSql, runs, seedSpreadStudents, type Sql } from '../support/sql-fixtures';
import { waitFor } from '../support/wait-for';
import { createJobsEnvironment, startWorkerProcess, type ChildNode, type JobsEnvironment } from '../support/job-processes';

describe('when workers boot with the schedule table', () => {
  let jobs: JobsEnvironment;
  let sql: Sql;
  let closeSql: () => Promise<void>;
  let redis: Redis;
  let queue: Queue;
  const workers: ChildNode[] = [];

  beforeAll(async () => {
    jobs = await createJobsEnvironment();
    ({ sql, close: closeSql } = await connectSql(jobs.databaseUrl));
    await seedSpreadStudents(sql, 20, 2_000);
    redis = new Redis(jobs.redisUrl, { maxRetriesPerRequest: null });
    queue = new Queue(INTEGRITY_QUEUE, { connection: redis, prefix: `${jobs.prefix}:bull` });
  });

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await queue?.close();
    redis?.disconnect();
    await closeSql?.();
  });

  it('fires the integrity check on schedule, and a second worker booting adds no second scheduler', async () => {
    const bootedAt = Date.now();
    // Every 3 s: the first scheduled check comes without anyone asking.
    workers.push(await startWorkerProcess(jobs, { HEALTH_CHECK_INTERVAL_MINUTES: '0.05' }, 'worker-a'));
    const firstScheduled = await waitFor(async () => (await runs(sql)).find((r) => r.trigger === 'SCHEDULED' && r.state === 'SUCCEEDED'), 20_000);

    workers.push(await startWorkerProcess(jobs, { HEALTH_CHECK_INTERVAL_MINUTES: '0.05' }, 'worker-b'));
    const schedulers = await queue.getJobSchedulers(0, -1, true);
    expect(schedulers.map((s) => s.key).sort()).toEqual(['auto-sync', 'integrity-check', 'maintenance']);
    expect(await queue.getJobSchedulersCount()).toBe(3);
    expect(schedulers.find((s) => s.key === 'integrity-check')?.every).toBe(3_000);
    // Auto-sync and maintenance first fire one interval after the first boot (600 h and 1 h here).
    expect(schedulers.find((s) => s.key === 'auto-sync')?.next).toBeGreaterThanOrEqual(bootedAt + 600 * 3_600_000);
    expect(schedulers.find((s) => s.key === 'maintenance')?.next).toBeGreaterThanOrEqual(bootedAt + 3_600_000);

    // The schedule keeps firing after the re-upsert, one run at a time.
    await waitFor(async () => (await runs(sql)).filter((r) => r.trigger === 'SCHEDULED' && r.state === 'SUCCEEDED' && r.id > firstScheduled.id).length >= 2, 20_000);
    const all = await runs(sql);
    expect(all.filter((r) => r.trigger === 'AUTO_SYNC')).toEqual([]); // no repairs at boot, whichever worker boots
    expect(all.filter((r) => r.state === 'FAILED')).toEqual([]);
  });

  it('stops a worker cleanly on SIGTERM', async () => {
    const worker = workers.pop()!;
    worker.child.kill('SIGTERM');
    const exit = await worker.exited;
    expect(exit.code).toBe(0);
    expect(worker.logs.some((l) => l.msg === 'workers stopped')).toBe(true);
  });
});
