import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOPICS } from '../../src/domain/events/topics';
import type { CheckRunSnapshot } from '../../src/domain/integrity/integrity.types';
import { JOBS } from '../../src/domain/jobs/job-catalogue';
import type { CheckRunLifecycle } from '../../src/domain/integrity/check-run-lifecycle.service';
import type { IntegrityQueue } from '../../src/jobs/integrity-queue';
import { runs, type Sql } from '../support/sql-fixtures';
import { waitFor } from '../support/wait-for';
import { startInProcessJobs, type InProcessJobs } from './support/in-process-jobs';

describe('when a check fails', () => {
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

  it('keeps the run RUNNING with its error between attempts (never FAILED), lets other jobs pass, then retries it to success', async () => {
    const published: CheckRunSnapshot[] = [];
    const off = jobs.runtime.bus.on(TOPICS.CHECK_RUN_UPDATED, (event) => void published.push(event));
    try {
      await sql('alter table licenses rename to licenses_unavailable');
      const run = await checkRuns.requestCheck('MANUAL');
      const waiting = await waitFor(async () => (await runs(sql)).find((r) => r.id === run.id && r.error), 10_000);
      expect(waiting).toMatchObject({ state: 'RUNNING', progress: 0, finished_at: null });
      expect(waiting.error).toMatch(/^Attempt 1 of 3 failed: Integrity check failed: .*licenses/);
      await sql('alter table licenses_unavailable rename to licenses');

      // The failed check waits out its backoff without holding the queue: a sync queued now runs first.
      const sync = await checkRuns.requestAutoSync();
      const syncDone = await waitFor(async () => (await runs(sql)).find((r) => r.id === sync.id && r.finished_at), 10_000);
      expect(syncDone.state).toBe('SUCCEEDED');
      expect((await runs(sql)).find((r) => r.id === run.id)!.state).toBe('RUNNING');

      const retried = await waitFor(async () => (await runs(sql)).find((r) => r.id === run.id && r.finished_at), 15_000);
      expect(retried).toMatchObject({ state: 'SUCCEEDED', error: null });
      await waitFor(async () => published.some((e) => e.id === run.id && e.state === 'SUCCEEDED'), 5_000);
      const ofRun = published.filter((e) => e.id === run.id);
      expect(ofRun.map((e) => e.state)).not.toContain('FAILED');
      expect(ofRun.filter((e) => e.state === 'SUCCEEDED' || e.state === 'FAILED')).toHaveLength(1);
      const retrying = ofRun.findIndex((e) => e.state === 'RUNNING' && e.error !== null);
      expect(ofRun[retrying]).toMatchObject({ progress: 0, finishedAt: null });
      expect(ofRun.slice(retrying + 1).some((e) => e.state === 'RUNNING')).toBe(true); // the retry starts on the same run
    } finally {
      off();
    }
  });

  it('ends the run FAILED with its message once the attempts are spent', async () => {
    await sql('alter table licenses rename to licenses_unavailable');
    try {
      await producer.queue.add(JOBS.INTEGRITY_CHECK, { trigger: 'SCHEDULED' }, { jobId: 'one-shot', attempts: 1 });
      const failed = await waitFor(async () => (await runs(sql)).find((r) => r.job_id === 'one-shot' && r.finished_at), 10_000);
      expect(failed.state).toBe('FAILED');
      expect(failed.error).toMatch(/licenses/);
    } finally {
      await sql('alter table licenses_unavailable rename to licenses');
    }
    // Nothing is stuck: the next check runs.
    const next = await checkRuns.requestCheck('MANUAL');
    const done = await waitFor(async () => (await runs(sql)).find((r) => r.id === next.id && r.finished_at), 10_000);
    expect(done.state).toBe('SUCCEEDED');
  });
});
