import type { LoadStack } from '../stack/load-stack';
import { withTwoWorkers } from './two-worker-fault-setup';
import { desyncRandomPairs, lastRunId, openViolations, poll, runsSince, startCheckOnOneOf, type RunRow } from './worker-check';

export interface WorkerKillOptions {
  /** The workers' pause after each progress step (WORKER_STEP_DELAY_MS). */
  stepDelayMs: number;
  /** Licenses put one level off before the check: the violations it must report. */
  desyncPairs: number;
}

export interface WorkerKillResult {
  runId: number;
  /** Share of the check done when worker A was killed (the run's progress then). */
  progressAtKill: number;
  /** From kill -9 to worker B logging that it started the same job. */
  resumedMs: number | null;
  /** From kill -9 to the run being SUCCEEDED in PostgreSQL. */
  finishedMs: number | null;
  run: RunRow | null;
  /** Runs created from just before the request to the end (1 expected: the run itself). */
  runsCreated: number;
  /** CHECK_RUN_UPDATED events of the run with state SUCCEEDED. */
  succeededEvents: number;
  /** "job completed" log lines for the job, over both workers. */
  completions: number;
  /** BullMQ's state of the job at the end, its attempts and stalls. */
  jobState: string;
  attempts: { made: number; stalled: number } | null;
  /** Open violations afterwards vs. the ones that should be open (before + desynced). */
  violations: { open: number; expected: number; missing: number; unexpected: number };
  /** Pairs with an expected violation: what the run's `inconsistent` must say. */
  expectedPairs: number;
  desynced: number;
}

/**
 * Two real worker processes; "check now" through the API; the worker that takes the job is killed
 * with -9 once the check has made progress. BullMQ's stalled sweep on the survivor must hand the
 * job back, and the survivor must finish the same run: one run, SUCCEEDED once, right violations.
 */
export async function workerKillFault(stack: LoadStack, options: WorkerKillOptions): Promise<WorkerKillResult> {
  return withTwoWorkers(stack, { names: ['worker-a', 'worker-b'], stepDelayMs: options.stepDelayMs }, async ({ workers, probe, events }) => {
    const violationsBefore = await openViolations(stack.database.url);
    const desynced = await desyncRandomPairs(stack, options.desyncPairs);
    const expected = new Set([...violationsBefore, ...desynced]);
    const runsBefore = await lastRunId(stack.database.url);

    const { runId, jobId, isJobStart, holder, other: survivor, progress: progressAtKill } = await startCheckOnOneOf(stack, workers);

    const killedAt = performance.now();
    await holder.kill();
    const resumed = await survivor.waitForLog(isJobStart, 60_000).catch(() => null);
    const finished = await poll(async () => {
      const run = (await runsSince(stack.database.url, runId - 1)).find((r) => r.id === runId);
      return run && (run.state === 'SUCCEEDED' || run.state === 'FAILED') ? { run, at: performance.now() } : null;
    }, 90_000);
    // Late duplicates would arrive within a moment: give them one.
    await new Promise((r) => setTimeout(r, 1_000));
    const runs = await runsSince(stack.database.url, runsBefore);
    const open = await openViolations(stack.database.url);
    return {
      runId,
      progressAtKill,
      resumedMs: resumed ? resumed.receivedAt - killedAt : null,
      finishedMs: finished && finished.run.state === 'SUCCEEDED' ? finished.at - killedAt : null,
      run: runs.find((r) => r.id === runId) ?? null,
      runsCreated: runs.length,
      succeededEvents: events.of(runId, 'SUCCEEDED').length,
      completions: workers.reduce((n, w) => n + w.logs.filter((l) => l.msg === 'job completed' && l.jobId === jobId).length, 0),
      jobState: await probe.jobState(jobId),
      attempts: await probe.attempts(jobId),
      violations: {
        open: open.size,
        expected: expected.size,
        missing: [...expected].filter((v) => !open.has(v)).length,
        unexpected: [...open].filter((v) => !expected.has(v)).length,
      },
      expectedPairs: new Set([...expected].map((v) => v.split(':').slice(0, 2).join(':'))).size,
      desynced: desynced.size,
    };
  });
}
