import type { Job } from 'bullmq';
import { TOPICS } from '../domain/events/topics';
import type { IntegrityJobData } from '../domain/jobs/job-catalogue';
import type { CheckRunSnapshot } from '../domain/integrity/integrity.types';
import type { JobContext } from './job-context';

export interface RunOutcome {
  runId: number;
  skipped?: boolean;
}

/**
 * The run a job fills, around the work itself. Found by job id, so a retried or resumed
 * (stalled) job continues its own run. A failure with attempts left puts the run back to QUEUED
 * with the error kept; the last failure ends it FAILED with its message. Both are published.
 */
export async function runForJob(job: Job<IntegrityJobData>, ctx: JobContext, work: (run: CheckRunSnapshot) => Promise<void>): Promise<RunOutcome> {
  const run = await ctx.runs.findOrCreateForJob(job.id!, job.data.trigger);
  if (run.state === 'SUCCEEDED') return { runId: run.id, skipped: true }; // finished before a crash lost the ack
  try {
    await work(run);
    return { runId: run.id };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const attemptsLeft = job.attemptsMade + 1 < (job.opts.attempts ?? 1);
    const after = attemptsLeft
      ? await ctx.runs.requeue(run.id, `Attempt ${job.attemptsMade + 1} failed, retrying: ${message}`)
      : await ctx.runs.markFailed(run.id, message);
    if (after) await ctx.events.publish(TOPICS.CHECK_RUN_UPDATED, after);
    ctx.logger.warn({ jobId: job.id, runId: run.id, attemptsLeft, err: message }, 'job failed');
    throw error;
  }
}
