import type { Job } from 'bullmq';
import type { IntegrityJobData } from '../domain/jobs/job-catalogue';
import { reportProgress } from './integrity-check.processor';
import type { JobContext } from './job-context';
import { runForJob, type RunOutcome } from './run-for-job';

/** Repairs every open violation, then checks; the domain audits each repair with this job's id. */
export function autoSyncProcessor(ctx: JobContext) {
  return (job: Job<IntegrityJobData>): Promise<RunOutcome> =>
    runForJob(job, ctx, async (run, attempt) => {
      await ctx.repairs.autoSync(run.id, job.id!, { attempt, onProgress: reportProgress(job, ctx) });
    });
}
