import type { CheckTrigger } from '../integrity/integrity.types';

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

/** The job that fills a run of this trigger. */
export const jobNameFor = (trigger: CheckTrigger): RunJobName => (trigger === 'AUTO_SYNC' ? JOBS.AUTO_SYNC : JOBS.INTEGRITY_CHECK);

/** A job id per reserved run, so the worker finds the run and a retried job keeps it. */
export const jobIdForRun = (runId: number): string => `run-${runId}`;
