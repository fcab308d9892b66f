import type { LoadStack } from '../stack/load-stack';
import { withTwoWorkers } from './two-worker-fault-setup';
import { lastRunId, poll, runsSince, startCheckOnOneOf, type RunRow } from './worker-check';
import type { WorkerExit } from './worker-process';

export interface WorkerSigtermOptions {
  /** The workers' pause after each progress step (WORKER_STEP_DELAY_MS). */
  stepDelayMs: number;
  /** How long to wait for the signalled worker to exit before giving up (it is then killed). */
  exitTimeoutMs: number;
}

export interface WorkerSigtermResult {
  runId: number;
  progressAtSignal: number;
  run: RunRow | null;
  /** From SIGTERM to the run being SUCCEEDED (the event on Redis). */
  jobEndMs: number | null;
  /** From SIGTERM to the process's exit; null if it had not exited after exitTimeoutMs. */
  exitMs: number | null;
  exit: WorkerExit | null;
  /** Whether the process logged its clean shutdown ("workers stopped"). */
  loggedStopped: boolean;
  /** The other worker took the job (it should not: the job was never abandoned). */
  takenOver: boolean;
  runsCreated: number;
  succeededEvents: number;
  jobState: string;
  /** After the exit: jobs waiting or active in BullMQ, runs QUEUED or RUNNING in PostgreSQL. */
  leftPending: { waiting: number; active: number; activeRuns: number };
}

/**
 * Two real worker processes; "check now" through the API; the worker that takes the job gets
 * SIGTERM mid-check. It must finish the job (SUCCEEDED), then exit 0 promptly, leaving nothing
 * active behind for the other worker's stalled sweep to pick up.
 */
export async function workerSigtermFault(stack: LoadStack, options: WorkerSigtermOptions): Promise<WorkerSigtermResult> {
  return withTwoWorkers(stack, { names: ['worker-c', 'worker-d'], stepDelayMs: options.stepDelayMs }, async ({ workers, probe, events }) => {
    const runsBefore = await lastRunId(stack.database.url);

    const { runId, jobId, isJobStart, holder, other, progress: progressAtSignal } = await startCheckOnOneOf(stack, workers);

    const signalledAt = performance.now();
    holder.signal('SIGTERM');
    let giveUp: NodeJS.Timeout | undefined;
    const exit = await Promise.race([holder.exited, new Promise<null>((r) => (giveUp = setTimeout(() => r(null), options.exitTimeoutMs)))]);
    clearTimeout(giveUp);
    // The run's final event is published before the job completes, so it is in by now if it ever will be.
    await poll(async () => (events.of(runId, 'SUCCEEDED').length || events.of(runId, 'FAILED').length ? true : null), 2_000);
    const succeeded = events.of(runId, 'SUCCEEDED')[0];
    const runs = await runsSince(stack.database.url, runsBefore);
    const { waiting, active } = await probe.pending();
    const activeRuns = runs.filter((r) => r.state === 'QUEUED' || r.state === 'RUNNING').length;
    return {
      runId,
      progressAtSignal,
      run: runs.find((r) => r.id === runId) ?? null,
      jobEndMs: succeeded ? succeeded.at - signalledAt : null,
      exitMs: exit ? exit.at - signalledAt : null,
      exit,
      loggedStopped: holder.logs.some((l) => l.msg === 'workers stopped'),
      takenOver: other.logs.some(isJobStart),
      runsCreated: runs.length,
      succeededEvents: events.of(runId, 'SUCCEEDED').length,
      jobState: await probe.jobState(jobId),
      leftPending: { waiting, active, activeRuns },
    };
  });
}
