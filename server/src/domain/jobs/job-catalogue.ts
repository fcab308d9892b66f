import type { CheckRunSnapshot, CheckTrigger } from '../integrity/integrity.types';

/** The queue and job names shared by the API (producer) and the workers (consumer). */
export const INTEGRITY_QUEUE = 'integrity';

export const JOBS = {
  INTEGRITY_CHECK: 'integrity-check',
  AUTO_SYNC: 'auto-sync',
  /** Housekeeping (purging expired idempotency records); scheduled only, fills no check run. */
  MAINTENANCE: 'maintenance',
} as const;

export type JobName = (typeof JOBS)[keyof typeof JOBS];

/** The jobs that fill a check run. */
export type RunJobName = typeof JOBS.INTEGRITY_CHECK | typeof JOBS.AUTO_SYNC;

export interface IntegrityJobData {
  /** The CheckRun row this job fills; created QUEUED by the producer (or by the worker for scheduled jobs). */
  runId?: number;
  trigger: CheckTrigger;
}

export interface MaintenanceJobData {
  task: 'purge-expired-idempotency-records';
}

/** What each job name carries. */
export interface JobDataByName {
  [JOBS.INTEGRITY_CHECK]: IntegrityJobData;
  [JOBS.AUTO_SYNC]: IntegrityJobData;
  [JOBS.MAINTENANCE]: MaintenanceJobData;
}

/** Any job's data, as the queue holds it. */
export type QueueJobData = JobDataByName[JobName];

/** What the API needs from the queue, as a port the domain defines and the queue adapter implements. */
export interface IntegrityJobs {
  /** Queues a manual check, or returns the run already queued or running. */
  requestCheck(trigger: CheckTrigger): Promise<CheckRunSnapshot>;
  /** Queues an auto-sync (repair, then check), or returns the one already queued or running. */
  requestAutoSync(): Promise<CheckRunSnapshot>;
  nextScheduledAt(): Promise<Date | null>;
  queueDepth(): Promise<number>;
  workersOnline(): Promise<number>;
}
