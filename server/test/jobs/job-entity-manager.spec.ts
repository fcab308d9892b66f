import { RequestContext } from '@mikro-orm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOBS } from '../../src/domain/jobs/job-catalogue';
import { waitFor } from '../support/wait-for';
import { startInProcessJobs, type InProcessJobs } from './support/in-process-jobs';

describe('when a worker runs jobs', () => {
  let jobs: InProcessJobs;
  const forks: Array<number | undefined> = [];

  beforeAll(async () => {
    jobs = await startInProcessJobs(5, { worker: false });
    await jobs.startWorker({
      [JOBS.MAINTENANCE]: async () => {
        forks.push(RequestContext.getEntityManager()?.id);
        return { purgedIdempotencyRecords: 0 };
      },
    });
  });
  afterAll(() => jobs?.close());

  it('runs each one in an EntityManager fork of its own, never the global one', async () => {
    const data = { task: 'purge-expired-idempotency-records' } as const;
    await jobs.runtime.queue.queue.add(JOBS.MAINTENANCE, data, { jobId: 'maintenance-a' });
    await jobs.runtime.queue.queue.add(JOBS.MAINTENANCE, data, { jobId: 'maintenance-b' });
    await waitFor(async () => forks.length === 2, 10_000);
    expect(forks.every((id) => typeof id === 'number')).toBe(true);
    expect(new Set(forks).size).toBe(2);
    expect(forks).not.toContain(jobs.orm.em.id);
  });
});
