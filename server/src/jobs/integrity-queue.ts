import type { EventPublisher } from '../domain/events/topics';
import { TOPICS } from '../domain/events/topics';
import type { CheckRunSnapshot, CheckTrigger } from '../domain/integrity/integrity.types';
import { JOBS, type IntegrityJobData, type IntegrityJobs, type RunJobName } from '../domain/jobs/job-catalogue';
import { CheckRunRepository, snapshotOf, type JobRun } from '../domain/integrity/check-run.repository';
import type { Orm } from '../domain/database/database';
import { createIntegrityQueue, type IntegrityBullQueue, type QueueTransport } from './queue-connection';

const jobNameFor = (trigger: CheckTrigger): RunJobName => (trigger === 'AUTO_SYNC' ? JOBS.AUTO_SYNC : JOBS.INTEGRITY_CHECK);

/** A job id per reserved run, so the worker finds the run and a retried job keeps it. */
export const jobIdForRun = (runId: number) => `run-${runId}`;

const RESERVATION_GRACE_MS = 60_000;

/** Far more delayed jobs than the schedulers and retries of one-at-a-time work ever leave. */
const MAX_DELAYED_INSPECTED = 1_000;

/** A scheduler's upcoming iteration, not yet tried: its id is `repeat:<scheduler>:<millis>`. */
const isNextScheduledIteration = (job: { id?: string; attemptsMade: number }) => Boolean(job.id?.startsWith('repeat:')) && job.attemptsMade === 0;

const LIVE_JOB_STATES = new Set(['waiting', 'delayed', 'active', 'prioritized', 'waiting-children']);

/**
 * The producer side of the integrity queue (API processes), implementing the domain's port.
 * "Check now" is deduplicated twice: a PostgreSQL advisory lock makes concurrent requests agree on
 * one run row, and BullMQ's deduplication id keeps a second job of the kind out of the queue.
 */
export class IntegrityQueue implements IntegrityJobs {
  readonly queue: IntegrityBullQueue;
  private readonly runs: CheckRunRepository;

  constructor(
    transport: QueueTransport,
    orm: Orm,
    private readonly events: EventPublisher,
  ) {
    this.queue = createIntegrityQueue(transport);
    this.runs = new CheckRunRepository(orm);
  }

  requestCheck(trigger: CheckTrigger): Promise<CheckRunSnapshot> {
    return this.request(trigger === 'AUTO_SYNC' ? 'MANUAL' : trigger);
  }

  requestAutoSync(): Promise<CheckRunSnapshot> {
    return this.request('AUTO_SYNC');
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

  private async request(trigger: CheckTrigger): Promise<CheckRunSnapshot> {
    const due = await this.dueScheduledRun(trigger);
    if (due) return due;
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const { run, created } = await this.runs.reserve(trigger);
      if (!created) {
        if (await this.jobIsAlive(run)) return snapshotOf(run);
        // The row says active but its job is gone (Redis lost it): fail it and reserve afresh.
        const lost = await this.runs.markFailed(run.id, 'The job of this run was lost from the queue.');
        if (lost) await this.events.publish(TOPICS.CHECK_RUN_UPDATED, lost);
        continue;
      }
      return this.enqueue(run, trigger);
    }
    throw new Error('Could not queue the run: its job keeps vanishing from the queue.');
  }

  private async enqueue(run: JobRun, trigger: CheckTrigger): Promise<CheckRunSnapshot> {
    const name = jobNameFor(trigger);
    const jobId = jobIdForRun(run.id);
    await this.runs.attachJob(run.id, jobId);
    // Announced before the job exists: once added, a worker may publish RUNNING at any moment.
    await this.events.publish(TOPICS.CHECK_RUN_UPDATED, snapshotOf(run));
    try {
      const existing = await this.addDeduplicated(name, jobId, { runId: run.id, trigger });
      if (existing) {
        // Already announced as QUEUED, so it ends visibly rather than vanishing.
        const merged = await this.runs.markFailed(run.id, `Deduplicated: run ${existing.id} is already ${existing.state.toLowerCase()}.`);
        if (merged) await this.events.publish(TOPICS.CHECK_RUN_UPDATED, merged);
        return existing;
      }
    } catch (error) {
      const failed = await this.runs.markFailed(run.id, `Could not be queued: ${(error as Error).message}`);
      if (failed) await this.events.publish(TOPICS.CHECK_RUN_UPDATED, failed);
      throw error;
    }
    return snapshotOf(run);
  }

  /**
   * Adds the job unless BullMQ holds another under the deduplication id; returns that other job's
   * run if it is still active. A job whose run has already finished (it is completing right now)
   * gives its deduplication id up: PostgreSQL, not Redis, decides what is active.
   */
  private async addDeduplicated(name: RunJobName, jobId: string, data: IntegrityJobData): Promise<CheckRunSnapshot | null> {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const job = await this.queue.add(name, data, { jobId, deduplication: { id: name } });
      if (job.id === jobId) return null;
      const existing = job.id ? await this.runs.findByJobId(job.id) : null;
      if (existing && (existing.state === 'QUEUED' || existing.state === 'RUNNING')) return existing;
      await this.queue.removeDeduplicationKey(name);
    }
    throw new Error(`The queue kept another ${name} job under its deduplication id.`);
  }

  /**
   * A scheduled job that is due but waits behind another job has no run row yet (the worker makes
   * it on start): "check now" joins it instead of queueing a second check.
   */
  private async dueScheduledRun(trigger: CheckTrigger): Promise<CheckRunSnapshot | null> {
    const name = jobNameFor(trigger);
    const waiting = await this.queue.getJobs(['waiting', 'prioritized'], 0, 20, true);
    const due = waiting.find((job) => job.name === name && job.id?.startsWith('repeat:'));
    return due?.id ? this.runs.findOrCreateForJob(due.id, (due.data as IntegrityJobData).trigger) : null;
  }

  private async jobIsAlive(run: JobRun): Promise<boolean> {
    // Reserved a moment ago by a request (here or on another replica) still adding its job.
    const beingAdded = Date.now() - run.queuedAt.getTime() < RESERVATION_GRACE_MS;
    if (!run.jobId) return beingAdded;
    const state = await this.queue.getJobState(run.jobId);
    return LIVE_JOB_STATES.has(state) || (state === 'unknown' && run.state === 'QUEUED' && beingAdded);
  }
}
