import type { IntegrityJobData, RunJobName } from './job-catalogue';

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
