import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckRunLifecycle } from '../../src/domain/integrity/check-run-lifecycle.service';
import { jobIdForRun } from '../../src/domain/jobs/job-catalogue';
import { runs, type Sql } from '../support/sql-fixtures';
import { waitFor } from '../support/wait-for';
import type { ChildNode } from '../support/job-processes';
import { startTwoPacedWorkers, type TwoWorkers } from './support/two-paced-workers';

describe('when a worker stops in the middle of a check', () => {
  let sql: Sql;
  let checkRuns: CheckRunLifecycle;
  let workers: ChildNode[];
  let stack: TwoWorkers | undefined;

  const startedJob = (worker: ChildNode, runId: number) =>
    worker.waitForLog((line) => line.msg === 'job started' && line.jobId === jobIdForRun(runId), 30_000).then(() => worker);

  beforeAll(async () => {
    stack = await startTwoPacedWorkers();
    ({ sql, checkRuns, workers } = stack);
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('after kill -9, another worker resumes the same run and completes it', async () => {
    const run = await checkRuns.requestCheck('MANUAL');
    const holder = await Promise.race(workers.map((w) => startedJob(w, run.id)));
    const survivor = workers.find((w) => w !== holder)!;
    await waitFor(async () => (await runs(sql)).find((r) => r.id === run.id && r.progress > 0), 15_000);

    const killedAt = Date.now();
    holder.child.kill('SIGKILL');
    await startedJob(survivor, run.id);
    const resumedAfterMs = Date.now() - killedAt;
    const done = await waitFor(async () => (await runs(sql)).find((r) => r.id === run.id && r.finished_at), 30_000);
    const completedAfterMs = Date.now() - killedAt;
    console.info(`[measure] kill -9 → job resumed by another worker: ${resumedAfterMs} ms; → run completed: ${completedAfterMs} ms`);

    expect(done.state).toBe('SUCCEEDED');
    expect((await runs(sql)).filter((r) => r.trigger === 'MANUAL')).toHaveLength(1);
    workers.splice(workers.indexOf(holder), 1);
  });

  it('on SIGTERM, the active run completes and the process exits 0', async () => {
    const worker = workers[0]!;
    const run = await checkRuns.requestCheck('MANUAL');
    await startedJob(worker, run.id);
    await waitFor(async () => (await runs(sql)).find((r) => r.id === run.id && r.state === 'RUNNING'), 15_000);

    worker.child.kill('SIGTERM');
    const exit = await worker.exited;
    const [after] = (await runs(sql)).filter((r) => r.id === run.id);

    expect(exit.code).toBe(0);
    expect(after!.state).toBe('SUCCEEDED');
    expect(worker.logs.some((l) => l.msg === 'workers stopped')).toBe(true);
  });
});
