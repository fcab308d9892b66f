import type { IntegrityJobs, JobStatus, QueuedJob } from '../domain/jobs/integrity-jobs';
import type { IntegrityJobData, RunJobName } from '../domain/jobs/job-catalogue';
import { JOBS } from '../domain/jobs/job-catalogue';
import { createIntegrityQueue, type IntegrityBullQueue, type QueueTransport } from './queue-connection';

/** Far more delayed jobs than the schedulers and retries of one-at-a-time work ever leave. */
const MAX_DELAYED_INSPECTED = 1_000;

/** Waiting jobs looked at for a due scheduled one: one-at-a-time work never queues more. */
const MAX_WAITING_INSPECTED = 20;

/** A scheduler's upcoming iteration, not yet tried: its id is `repeat:<scheduler>:<millis>`. */
const isScheduledIteration = (job: { id?: string }) => Boolean(job.id?.startsWith('repeat:'));
const isNextScheduledIteration = (job: { id?: string; attemptsMade: number }) => isScheduledIteration(job) && job.attemptsMade === 0;

const LIVE_JOB_STATES = new Set(['waiting', 'delayed', 'active', 'prioritized', 'waiting-children']);
const ENDED_JOB_STATES = new Set(['completed', 'failed']);

/**
 * The BullMQ producer side of the integrity queue, implementing the domain's port: it adds, finds and
 * counts jobs. Which run a job fills, and when a request joins an existing run, is the lifecycle's call.
 */
export class IntegrityQueue implements IntegrityJobs {
  readonly queue: IntegrityBullQueue;

  constructor(transport: QueueTransport) {
    this.queue = createIntegrityQueue(transport);
  }

  async addDeduplicated(name: RunJobName, data: IntegrityJobData, jobId: string): Promise<string | undefined> {
    const job = await this.queue.add(name, data, { jobId, deduplication: { id: name } });
    return job.id;
  }

  async releaseDeduplication(name: RunJobName): Promise<void> {
    await this.queue.removeDeduplicationKey(name);
  }

  async dueScheduledJob(name: RunJobName): Promise<QueuedJob | null> {
    const waiting = await this.queue.getJobs(['waiting', 'prioritized'], 0, MAX_WAITING_INSPECTED, true);
    const due = waiting.find((job) => job.name === name && isScheduledIteration(job));
    return due?.id ? { id: due.id, data: due.data as IntegrityJobData } : null;
  }

  async jobStatus(jobId: string): Promise<JobStatus> {
    const state = await this.queue.getJobState(jobId);
    if (LIVE_JOB_STATES.has(state)) return 'live';
    return ENDED_JOB_STATES.has(state) ? 'ended' : 'missing';
  }

  async nextScheduledAt(): Promise<Date | null> {
    const schedulers = await this.queue.getJobSchedulers(0, -1, true);
    const next = schedulers
      .filter((s) => s.name === JOBS.INTEGRITY_CHECK && typeof s.next === 'number')
      .map((s) => s.next as number)
      .sort((a, b) => a - b)[0];
    return next === undefined ? null : new Date(next);
  }

  /**
   * Jobs waiting or running. Each scheduler keeps its next iteration in 'delayed' until it is due:
   * that is the plan, not pending work, so only other delayed jobs count (retries waiting out their
   * backoff, a scheduled job's retries included).
   */
  async queueDepth(): Promise<number> {
    const [ready, delayed] = await Promise.all([
      this.queue.getJobCountByTypes('waiting', 'prioritized', 'active'),
      this.queue.getJobs(['delayed'], 0, MAX_DELAYED_INSPECTED - 1, true),
    ]);
    return ready + delayed.filter((job) => !isNextScheduledIteration(job)).length;
  }

  workersOnline(): Promise<number> {
    return this.queue.getWorkersCount();
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}
