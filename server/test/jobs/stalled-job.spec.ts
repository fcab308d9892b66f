import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTEGRITY_QUEUE } from '../../src/domain/jobs/job-catalogue';
import { jobIdForRun } from '../../src/domain/jobs/job-catalogue';
import { runs } from '../support/sql-fixtures';
import { waitFor } from '../support/wait-for';
import { WORKER_SETTINGS } from '../../src/jobs/worker-settings';
import { startInProcessJobs, type InProcessJobs } from './support/in-process-jobs';

describe('when a job keeps stalling', () => {
  let jobs: InProcessJobs;
  let redis: Redis;
  let zombie: Worker | undefined;

  beforeAll(async () => {
    jobs = await startInProcessJobs(20, { worker: false });
    redis = new Redis(jobs.redisUrl, { maxRetriesPerRequest: null });
  });

  afterAll(async () => {
    await zombie?.close(true);
    await jobs?.close();
    redis?.disconnect();
  });

  it('ends its run FAILED once BullMQ gives the job up', async () => {
    const run = await jobs.services.checkRuns.requestCheck('MANUAL');
    const jobId = jobIdForRun(run.id);
    // A worker that takes the job, then hangs without renewing its lock: the job stalls.
    zombie = new Worker(INTEGRITY_QUEUE, () => new Promise(() => undefined), {
      connection: redis.duplicate(),
      prefix: `${jobs.prefix}:bull`,
      lockDuration: 1_000,
      skipLockRenewal: true,
      skipStalledCheck: true,
    });
    await waitFor(async () => (await jobs.runtime.queue.queue.getJobState(jobId)) === 'active', 10_000);
    // As if it had already stalled (and been resumed) as often as allowed.
    await redis.hset(`${jobs.prefix}:bull:${INTEGRITY_QUEUE}:${jobId}`, 'stc', String(WORKER_SETTINGS.maxStalledCount));

    await jobs.startWorker();
    const failed = await waitFor(async () => (await runs(jobs.sql)).find((r) => r.id === run.id && r.finished_at), 20_000);
    expect(failed.state).toBe('FAILED');
    expect(failed.error).toMatch(/stalled/);
  });
});
