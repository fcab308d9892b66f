import type { Job } from 'bullmq';
import type { MaintenanceJobData } from '../domain/jobs/job-catalogue';
import type { JobContext } from './job-context';

export interface MaintenanceOutcome {
  purgedIdempotencyRecords: number;
}

/** Hourly housekeeping: purges idempotency records past their retention. Fills no check run. */
export function maintenanceProcessor(ctx: JobContext) {
  return async (job: Job<MaintenanceJobData>): Promise<MaintenanceOutcome> => {
    const purged = await ctx.idempotencyRetention.purgeExpired();
    ctx.logger.info({ jobId: job.id, purged }, 'maintenance: expired idempotency records purged');
    return { purgedIdempotencyRecords: purged };
  };
}
