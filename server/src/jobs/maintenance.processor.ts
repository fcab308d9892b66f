import type { Job } from 'bullmq';
import type { MaintenanceJobData } from '../domain/jobs/job-catalogue';
import type { JobContext } from './job-context';

export interface MaintenanceOutcome {
  purgedIdempotencyRecords: number;
  purgedAuditEntries: number;
}

/** Hourly housekeeping: purges idempotency records and audit entries past their retention. Fills no check run. */
export function maintenanceProcessor(ctx: JobContext) {
  return async (job: Job<MaintenanceJobData>): Promise<MaintenanceOutcome> => {
    const purged = await ctx.idempotencyRetention.purgeExpired();
    ctx.logger.info({ jobId: job.id, purged }, 'maintenance: expired idempotency records purged');
    const purgedAudit = await ctx.auditRetention.purgeExpired();
    if (purgedAudit > 0) ctx.logger.info({ jobId: job.id, purged: purgedAudit }, 'maintenance: audit entries past AUDIT_RETENTION_DAYS deleted');
    return { purgedIdempotencyRecords: purged, purgedAuditEntries: purgedAudit };
  };
}
