import type { Job } from 'bullmq';
import { JOBS, type JobDataByName, type JobName, type QueueJobData } from '../domain/jobs/job-catalogue';
import { autoSyncProcessor } from './auto-sync.processor';
import { integrityCheckProcessor } from './integrity-check.processor';
import type { JobContext } from './job-context';
import { maintenanceProcessor } from './maintenance.processor';

/** A processor per job name, each typed by the data its name carries. */
export type JobProcessors = { [N in JobName]: (job: Job<JobDataByName[N]>) => Promise<unknown> };

/** Every job name of the catalogue has its processor; boot fails otherwise (not the first job of that name). */
export function createJobRouter(ctx: JobContext, overrides: Partial<JobProcessors> = {}): (job: Job<QueueJobData>) => Promise<unknown> {
  const processors: Partial<JobProcessors> = {
    [JOBS.INTEGRITY_CHECK]: integrityCheckProcessor(ctx),
    [JOBS.AUTO_SYNC]: autoSyncProcessor(ctx),
    [JOBS.MAINTENANCE]: maintenanceProcessor(ctx),
    ...overrides,
  };
  const missing = Object.values(JOBS).filter((name) => !processors[name]);
  if (missing.length > 0) throw new Error(`No processor for job(s): ${missing.join(', ')}`);
  return (job) => {
    const processor = processors[job.name as JobName] as ((job: Job<QueueJobData>) => Promise<unknown>) | undefined;
    if (!processor) throw new Error(`No processor for job "${job.name}"`);
    // The name decides the data: the producer and the schedules table add each name with its own.
    return processor(job);
  };
}
