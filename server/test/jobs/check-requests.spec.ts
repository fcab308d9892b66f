import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOBS, jobIdForRun } from '../../src/domain/jobs/job-catalogue';
import type { CheckRunLifecycle } from '../../src/domain/integrity/check-run-lifecycle.service';
import type { IntegrityQueue } from '../../src/jobs/integrity-queue';
import { runs, type Sql } from '../support/sql-fixtures';
import { waitFor } from '../support/wait-for';
import { startInProcessJobs, type InProcessJobs } from './support/in-process-jobs';

describe('when an admin asks for a check', () => {
  let jobs: InProcessJobs;
  let sql: Sql;
  let checkRuns: CheckRunLifecycle;
  let producer: IntegrityQueue;

  beforeAll(async () => {
    jobs = await startInProcessJobs();
    ({ sql } = jobs);
    producer = jobs.runtime.queue;
    checkRuns = jobs.services.checkRuns;
  });

  afterAll(async () => {
    await jobs?.close();
  });

  it('joins a scheduled check that is due but still waiting, instead of queueing a second', async () => {
    await producer.queue.pause();
    try {
      await producer.queue.add(JOBS.INTEGRITY_CHECK, { trigger: 'SCHEDULED' }, { jobId: 'repeat:integrity-check:1' });
      const [a, b] = await Promise.all([checkRuns.requestCheck('MANUAL'), checkRuns.requestCheck('MANUAL')]);
      expect(a).toMatchObject({ trigger: 'SCHEDULED', state: 'QUEUED' });
      expect(b.id).toBe(a.id);
      expect(await producer.queueDepth()).toBe(1);
    } finally {
      await producer.queue.resume();
    }
    const done = await waitFor(async () => (await runs(sql)).find((r) => r.job_id === 'repeat:integrity-check:1' && r.finished_at), 10_000);
    expect(done.state).toBe('SUCCEEDED');
    expect(await runs(sql)).toHaveLength(1);
  });

  it('fails a run whose job vanished from the queue and queues a fresh one', async () => {
    await producer.queue.pause();
    let lostId: number;
    try {
      const lost = await checkRuns.requestCheck('MANUAL');
      lostId = lost.id;
      await producer.queue.remove(`run-${lost.id}`);
      // Within a minute of queueing, a missing job may still be being added by another replica.
      await sql(`update check_runs set queued_at = now() - interval '2 minutes' where id = $1`, [lost.id]);
      const fresh = await checkRuns.requestCheck('MANUAL');
      expect(fresh.id).not.toBe(lost.id);
      expect(fresh.state).toBe('QUEUED');
    } finally {
      await producer.queue.resume();
    }
    const all = await runs(sql);
    expect(all.find((r) => r.id === lostId)).toMatchObject({ state: 'FAILED', error: 'The job of this run was lost from the queue.' });
    await waitFor(async () => (await runs(sql)).every((r) => r.finished_at), 10_000);
  });

  it('takes the deduplication id back from a job whose run has already finished', async () => {
    await producer.queue.pause();
    try {
      // A job still holding the kind's deduplication id while its run is already over (it is completing).
      await producer.queue.add(JOBS.INTEGRITY_CHECK, { trigger: 'SCHEDULED' }, { jobId: 'finishing', deduplication: { id: JOBS.INTEGRITY_CHECK } });
      await sql(`insert into check_runs (trigger, state, job_id, finished_at) values ('SCHEDULED', 'SUCCEEDED', 'finishing', now())`);
      const run = await checkRuns.requestCheck('MANUAL');
      expect(run).toMatchObject({ trigger: 'MANUAL', state: 'QUEUED' });
      expect(await producer.queue.getJobState(jobIdForRun(run.id))).toBe('waiting');
    } finally {
      await producer.queue.resume();
    }
    await waitFor(async () => (await runs(sql)).every((r) => r.finished_at), 10_000);
    expect((await runs(sql)).filter((r) => r.state === 'FAILED')).toHaveLength(1); // the lost one of the test before
  });

  it('reports the next scheduled check, the queue depth and the workers online', async () => {
    expect(await producer.nextScheduledAt()).toBeNull(); // no schedules in this process
    await waitFor(async () => (await producer.queueDepth()) === 0, 10_000); // the last job acknowledged
    expect(await producer.workersOnline()).toBe(1);
  });
});
