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

/** Where a job stands, as far as its run cares: still to run or running, finished, or unknown to the queue. */
export type JobStatus = 'live' | 'ended' | 'missing';

/** A job the queue holds: its id and the data it was added with. */
export interface QueuedJob {
  readonly id: string;
  readonly data: IntegrityJobData;
}

/**
 * The queue as the domain sees it: a port the domain defines and the BullMQ adapter (server/src/jobs)
 * implements. It adds, finds and counts jobs; which run a job fills, and when a request joins an
 * existing run instead, is decided by the check-run lifecycle.
 */
export interface IntegrityJobs {
  /**
   * Adds a run's job under its kind's deduplication id (one job of a kind in the queue at a time).
   * Returns the id of the job the queue holds under that id: `jobId` when added, else the other one.
   */
  addDeduplicated(name: RunJobName, data: IntegrityJobData, jobId: string): Promise<string | undefined>;
  /** Frees the deduplication id of a kind, for a job that still holds it after its run finished. */
  releaseDeduplication(name: RunJobName): Promise<void>;
  /** A scheduled job of this name that is due and waits its turn, if any (it has no run row until a worker takes it). */
  dueScheduledJob(name: RunJobName): Promise<QueuedJob | null>;
  jobStatus(jobId: string): Promise<JobStatus>;
  nextScheduledAt(): Promise<Date | null>;
  /** Jobs waiting or running (a scheduler's next iteration is the plan, not pending work). */
  queueDepth(): Promise<number>;
  workersOnline(): Promise<number>;
}
