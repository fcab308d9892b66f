import { publishSafely } from '../events/publish-safely';
import { TOPICS, type EventPublisher } from '../events/topics';
import type { IntegrityJobs } from '../jobs/integrity-jobs';
import { jobIdForRun, jobNameFor, type RunJobName } from '../jobs/job-catalogue';
import type { Logger } from '../logging/logger';
import { snapshotOf, type CheckRunRepository, type CheckRunResults, type JobRun } from './check-run.repository';
import type { HealthService } from './health.service';
import type { CheckRunSnapshot, CheckTrigger } from './integrity.types';

/** Which try of its job a piece of work is: the `number`th (from 1) of `of`. */
export interface Attempt {
  readonly number: number;
  readonly of: number;
}

/** Work called without a job (tests, benchmarks) has one attempt: its failure is final. */
export const ONLY_ATTEMPT: Attempt = { number: 1, of: 1 };

/** A run reserved this long ago may still be getting its job added by another replica. */
const RESERVATION_GRACE_MS = 60_000;

/**
 * The one owner of a check run's state: the only code that writes it (through CheckRunRepository)
 * and the only publisher of `CHECK_RUN_UPDATED`.
 *
 *   QUEUED ──start──▶ RUNNING ──succeed──▶ SUCCEEDED
 *      │                 │  ▲
 *      │      failAttempt│  │start (the retry)       a finished run never changes again, so each
 *      │   (attempts left)  │                        run publishes exactly one terminal state
 *      │                 ▼  │
 *      │            RUNNING + error, progress 0
 *      └──────fail (lost, never queued, attempts spent, stalled for good)──▶ FAILED
 *
 * A failed attempt that will be retried stays RUNNING with its error: to every subscriber the run is
 * still active, and the retry's progress and result follow on the same run.
 */
export class CheckRunLifecycle {
  constructor(
    private readonly runs: CheckRunRepository,
    private readonly jobs: IntegrityJobs,
    private readonly health: HealthService,
    private readonly events: EventPublisher,
    private readonly logger?: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  // --- asking for work ---------------------------------------------------------------------------

  /** "Check now": queues a check, or returns the check already queued or running. */
  requestCheck(trigger: CheckTrigger): Promise<CheckRunSnapshot> {
    return this.request(trigger === 'AUTO_SYNC' ? 'MANUAL' : trigger);
  }

  /** Queues an auto-sync (repairs, then a check), or returns the one already queued or running. */
  requestAutoSync(): Promise<CheckRunSnapshot> {
    return this.request('AUTO_SYNC');
  }

  // --- a job's run -------------------------------------------------------------------------------

  /** The run a job fills, found by job id (so a retried or resumed job continues its own run), else created. */
  runOfJob(jobId: string, trigger: CheckTrigger): Promise<CheckRunSnapshot> {
    return this.runs.findOrCreateForJob(jobId, trigger);
  }

  /** An attempt starts (again, for a retry or a resumed job): RUNNING, start time and error kept. */
  async start(runId: number): Promise<CheckRunSnapshot> {
    return this.publish(await this.runs.markRunning(runId));
  }

  /** A step of the running attempt; never backwards within it. Null when the run is not running. */
  async progress(runId: number, progress: number): Promise<CheckRunSnapshot | null> {
    const run = await this.runs.setProgress(runId, progress);
    return run ? this.publish(run) : null;
  }

  /** Auto-sync's repairs are done; its check follows on the same run. */
  async recordRepairs(runId: number, repairs: number): Promise<CheckRunSnapshot> {
    return this.publish(await this.runs.setRepairsApplied(runId, repairs));
  }

  async succeed(runId: number, results: CheckRunResults): Promise<CheckRunSnapshot> {
    return this.finished(await this.runs.markSucceeded(runId, results));
  }

  /**
   * An attempt threw. With attempts left its job is retried: the run stays active, RUNNING with the
   * error and progress back at 0. The last attempt's failure ends the run FAILED with `message`.
   */
  async failAttempt(runId: number, message: string, attempt: Attempt): Promise<CheckRunSnapshot | null> {
    if (attempt.number >= attempt.of) return this.fail(runId, message);
    const retrying = await this.runs.markRetrying(runId, `Attempt ${attempt.number} of ${attempt.of} failed: ${message}`);
    return retrying ? this.publish(retrying) : null;
  }

  /** Ends a still-active run FAILED; a finished run stays as it is (null, nothing published). */
  async fail(runId: number, message: string): Promise<CheckRunSnapshot | null> {
    const failed = await this.runs.markFailed(runId, message);
    return failed ? this.finished(failed) : null;
  }

  /** The queue gave a job up without its work deciding (e.g. it stalled too often): its run ends FAILED. */
  async failJob(jobId: string, message: string): Promise<CheckRunSnapshot | null> {
    const run = await this.runs.findByJobId(jobId);
    return run ? this.fail(run.id, message) : null;
  }

  // --- reserve and deduplicate -------------------------------------------------------------------

  /**
   * "Check now" is deduplicated twice: a PostgreSQL advisory lock makes concurrent requests (on any
   * replica) agree on one run row, and the queue's deduplication id keeps a second job of the kind out.
   */
  private async request(trigger: CheckTrigger): Promise<CheckRunSnapshot> {
    const due = await this.dueScheduledRun(trigger);
    if (due) return due;
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const { run, created } = await this.runs.reserve(trigger);
      if (created) return this.enqueue(run, trigger);
      if (await this.jobIsAlive(run)) return snapshotOf(run);
      // The row says active but its job is gone (Redis lost it): fail it and reserve afresh.
      await this.fail(run.id, 'The job of this run was lost from the queue.');
    }
    throw new Error('Could not queue the run: its job keeps vanishing from the queue.');
  }

  private async enqueue(run: JobRun, trigger: CheckTrigger): Promise<CheckRunSnapshot> {
    const name = jobNameFor(trigger);
    const jobId = jobIdForRun(run.id);
    await this.runs.attachJob(run.id, jobId);
    // Announced before the job exists: once added, a worker may publish RUNNING at any moment.
    const queued = await this.publish(snapshotOf(run));
    let existing: CheckRunSnapshot | null;
    try {
      existing = await this.addDeduplicated(name, jobId, run.id, trigger);
    } catch (error) {
      await this.fail(run.id, `Could not be queued: ${(error as Error).message}`);
      throw error;
    }
    if (!existing) return queued;
    // Already announced as QUEUED, so it ends visibly rather than vanishing.
    await this.fail(run.id, `Deduplicated: run ${existing.id} is already ${existing.state.toLowerCase()}.`);
    return existing;
  }

  /**
   * Adds the job unless the queue holds another under the deduplication id; returns that other job's
   * run if it is still active. A job whose run has already finished (it is completing right now)
   * gives its deduplication id up: PostgreSQL, not the queue, decides what is active.
   */
  private async addDeduplicated(name: RunJobName, jobId: string, runId: number, trigger: CheckTrigger): Promise<CheckRunSnapshot | null> {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const heldId = await this.jobs.addDeduplicated(name, { runId, trigger }, jobId);
      if (heldId === jobId) return null;
      const existing = heldId ? await this.runs.findByJobId(heldId) : null;
      if (existing && (existing.state === 'QUEUED' || existing.state === 'RUNNING')) return existing;
      await this.jobs.releaseDeduplication(name);
    }
    throw new Error(`The queue kept another ${name} job under its deduplication id.`);
  }

  /**
   * A scheduled job that is due but waits behind another job has no run row yet (the worker makes
   * it on start): "check now" joins it instead of queueing a second check.
   */
  private async dueScheduledRun(trigger: CheckTrigger): Promise<CheckRunSnapshot | null> {
    const due = await this.jobs.dueScheduledJob(jobNameFor(trigger));
    return due ? this.runs.findOrCreateForJob(due.id, due.data.trigger) : null;
  }

  private async jobIsAlive(run: JobRun): Promise<boolean> {
    // Reserved a moment ago by a request (here or on another replica) still adding its job.
    const beingAdded = this.now() - run.queuedAt.getTime() < RESERVATION_GRACE_MS;
    if (!run.jobId) return beingAdded;
    const status = await this.jobs.jobStatus(run.jobId);
    return status === 'live' || (status === 'missing' && run.state === 'QUEUED' && beingAdded);
  }

  // --- announcing --------------------------------------------------------------------------------

  /** Stored first, then announced (best effort: subscribers refetch after a reconnect). */
  private async publish(run: CheckRunSnapshot): Promise<CheckRunSnapshot> {
    await publishSafely(this.events, TOPICS.CHECK_RUN_UPDATED, run, this.logger);
    return run;
  }

  /** A run's one terminal state: announced, then the health it leaves behind. */
  private async finished(run: CheckRunSnapshot): Promise<CheckRunSnapshot> {
    await this.publish(run);
    this.health.invalidate();
    await publishSafely(this.events, TOPICS.HEALTH_STATUS_CHANGED, () => this.health.status(), this.logger);
    return run;
  }
}
