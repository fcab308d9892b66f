import type { Job } from 'bullmq';
import type { IntegrityJobData } from '../domain/jobs/job-catalogue';
import type { JobContext } from './job-context';
import { runForJob, type RunOutcome } from './run-for-job';

/** A scheduled or manual check: the domain does the set-based SQL; the job reports its progress. */
export function integrityCheckProcessor(ctx: JobContext) {
  return (job: Job<IntegrityJobData>): Promise<RunOutcome> =>
    runForJob(job, ctx, async (run, attempt) => {
      await ctx.integrity.run(run.id, { attempt, onProgress: reportProgress(job, ctx) });
    });
}

/** Mirrors the run's progress on the job (in percent, for queue dashboards), then paces the next step. */
export function reportProgress(job: Job<IntegrityJobData>, ctx: JobContext): (progress: number) => Promise<void> {
  return async (progress) => {
    await job.updateProgress(Math.round(progress * 100));
    if (progress < 1) await ctx.pace();
  };
}
