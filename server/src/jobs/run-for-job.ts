import type { Job } from 'bullmq';
import type { IntegrityJobData } from '../domain/jobs/job-catalogue';
import type { Attempt } from '../domain/integrity/check-run-lifecycle.service';
import type { CheckRunSnapshot } from '../domain/integrity/integrity.types';
import type { JobContext } from './job-context';

export interface RunOutcome {
  runId: number;
  skipped?: boolean;
}

/** Which try this is: BullMQ counts the attempts made (failed) so far; a resumed (stalled) job keeps its count. */
export function attemptOf(job: Job): Attempt {
  return { number: job.attemptsMade + 1, of: job.opts.attempts ?? 1 };
}

/**
 * The run a job fills, around the work itself. Found by job id, so a retried or resumed (stalled)
 * job continues its own run; a run that already ended (a crash lost the ack, or the run was failed
 * meanwhile) is not worked again. The work records its own failure on the run (the lifecycle decides
 * between retrying and FAILED from the attempt); here it is only logged and rethrown to BullMQ.
 */
export async function runForJob(
  job: Job<IntegrityJobData>,
  ctx: JobContext,
  work: (run: CheckRunSnapshot, attempt: Attempt) => Promise<void>,
): Promise<RunOutcome> {
  const run = await ctx.runs.runOfJob(job.id!, job.data.trigger);
  if (run.state === 'SUCCEEDED' || run.state === 'FAILED') return { runId: run.id, skipped: true };
  const attempt = attemptOf(job);
  try {
    await work(run, attempt);
    return { runId: run.id };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    ctx.logger.warn({ jobId: job.id, runId: run.id, attempt: attempt.number, of: attempt.of, err: message }, 'job attempt failed');
    throw error;
  }
}
