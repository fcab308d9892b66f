import type { EntityData } from '@mikro-orm/core';
import type { Orm } from '../database/database';
import { entityData } from '../database/entity-rows';
import { keysetPage, type KeysetPage } from '../database/keyset-page';
import { query, type Sql } from '../database/sql';
import { CheckRun } from './check-run.entity';
import type { CheckRunSnapshot, CheckTrigger, HealthState } from './integrity.types';

/** Serialises "is a run of this kind already queued or running?" across every API replica. */
const REQUEST_LOCK_KEY = 7_310_424_002;

/** Milliseconds since the run started, by the database clock (the one that stamped started_at). */
const ELAPSED_MS = `case when started_at is null then null else (extract(epoch from clock_timestamp() - started_at) * 1000)::int end`;

/** A run as the job machinery sees it: with the id of the BullMQ job that fills it. */
export type JobRun = CheckRunSnapshot & { jobId: string | null };

/** The run as published and returned by the API: the job id stays inside the job machinery. */
export function snapshotOf(run: JobRun): CheckRunSnapshot {
  const { jobId: _jobId, ...snapshot } = run;
  return snapshot;
}

/** A run as stored: the entity's data (a row of a tuned statement mapped by `entityData`, or `toPOJO()`). */
const toJobRun = (data: EntityData<CheckRun>): JobRun => data as JobRun;

/** Triggers that are the same kind of work: a manual check is deduplicated against a scheduled one. */
export function triggersOfKind(trigger: CheckTrigger): CheckTrigger[] {
  return trigger === 'AUTO_SYNC' ? ['AUTO_SYNC'] : ['SCHEDULED', 'MANUAL'];
}

export interface CheckRunResults {
  pairsChecked: number;
  inconsistent: number;
  consistencyRate: number;
  healthState: HealthState;
  /** See `CheckRunSnapshot.missedByLiveDetection`; 0 when not counted. */
  missedByLiveDetection?: number;
}

export interface CheckRunPage {
  runs: CheckRunSnapshot[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

/**
 * The check_runs ledger, for the integrity domain (a run's progress and results) and the job
 * machinery (reserved by the producer before its job is queued, found or created by the worker
 * through the job id). Every state change of a run is one small indexed update.
 */
export class CheckRunRepository {
  constructor(private readonly orm: Orm) {}

  private get em(): Sql {
    return this.orm.em;
  }

  // --- the job machinery -------------------------------------------------------------------------

  /** The queued or running run of this kind, or a new QUEUED one; `created` says which. */
  async reserve(trigger: CheckTrigger): Promise<{ run: JobRun; created: boolean }> {
    return this.em.transactional(async (trx) => {
      await query(trx, 'select pg_advisory_xact_lock(?)', [REQUEST_LOCK_KEY]);
      const [active] = await query<object>(
        trx,
        `select * from check_runs
         where state in ('QUEUED', 'RUNNING') and trigger = any(?::text[]) order by id limit 1`,
        [triggersOfKind(trigger)],
      );
      if (active) return { run: toJobRun(entityData(trx, CheckRun, active)), created: false };
      const [run] = await query<object>(trx, `insert into check_runs (trigger) values (?) returning *`, [trigger]);
      return { run: toJobRun(entityData(trx, CheckRun, run!)), created: true };
    });
  }

  async attachJob(runId: number, jobId: string): Promise<void> {
    await query(this.em, 'update check_runs set job_id = ? where id = ?', [jobId, runId]);
  }

  /**
   * The run a job fills. Idempotent by job id, so a retried or resumed job keeps its run. Looked up
   * first: an `insert … on conflict` draws a sequence value even when the row exists (and for a
   * reserved run it always does), which left a gap in the run ids after every job. Two workers racing
   * on a new job id still meet at the unique index; the loser reads the winner's row.
   */
  async findOrCreateForJob(jobId: string, trigger: CheckTrigger): Promise<CheckRunSnapshot> {
    const byJob = `select * from check_runs where job_id = ?`;
    const existing = await this.maybe(byJob, [jobId]);
    if (existing) return existing;
    const created = await this.maybe(`insert into check_runs (trigger, job_id) values (?, ?) on conflict (job_id) do nothing returning *`, [
      trigger,
      jobId,
    ]);
    return created ?? this.one(byJob, [jobId]);
  }

  async findByJobId(jobId: string): Promise<CheckRunSnapshot | null> {
    return this.maybe(`select * from check_runs where job_id = ?`, [jobId]);
  }

  /**
   * An attempt failed and its job will be retried: the run stays active (RUNNING, so "check now"
   * joins it and no dashboard files it as finished), its progress starts over, the error says why.
   * A finished run is left as it is (null).
   */
  async markRetrying(id: number, reason: string): Promise<CheckRunSnapshot | null> {
    return this.maybe(
      `update check_runs set state = 'RUNNING', progress = 0, error = ?, finished_at = null, duration_ms = null
       where id = ? and state in ('QUEUED', 'RUNNING') returning *`,
      [reason.slice(0, 2000), id],
    );
  }

  // --- a run's progress and results --------------------------------------------------------------

  async createQueued(trigger: CheckTrigger, jobId?: string): Promise<CheckRunSnapshot> {
    return this.one(`insert into check_runs (trigger, job_id) values (?, ?) returning *`, [trigger, jobId ?? null]);
  }

  /**
   * Idempotent: a run already RUNNING (auto-sync's check after its repairs, a retried attempt) keeps
   * its start time and its error. A finished run never starts again: it is not found.
   */
  async markRunning(id: number): Promise<CheckRunSnapshot> {
    return this.one(
      `update check_runs set
         started_at = case when state = 'RUNNING' then started_at else clock_timestamp() end,
         state = 'RUNNING', finished_at = null, duration_ms = null
       where id = ? and state in ('QUEUED', 'RUNNING') returning *`,
      [id],
    );
  }

  /** Never backwards (chunks finish out of order), and only while RUNNING; null otherwise. */
  async setProgress(id: number, progress: number): Promise<CheckRunSnapshot | null> {
    const bounded = Math.min(1, Math.max(0, progress));
    return this.maybe(
      `update check_runs set progress = greatest(progress, ?) where id = ? and state = 'RUNNING' returning *`,
      [bounded, id],
    );
  }

  async setRepairsApplied(id: number, repairs: number): Promise<CheckRunSnapshot> {
    return this.one(`update check_runs set repairs_applied = ? where id = ? returning *`, [repairs, id]);
  }

  /** Only a RUNNING run succeeds: one that already ended (failed for good meanwhile) is not found. */
  async markSucceeded(id: number, results: CheckRunResults): Promise<CheckRunSnapshot> {
    return this.one(
      `update check_runs set state = 'SUCCEEDED', progress = 1, error = null, finished_at = clock_timestamp(),
         duration_ms = ${ELAPSED_MS}, pairs_checked = ?, inconsistent = ?, consistency_rate = ?, health_state = ?,
         missed_by_live_detection = ?
       where id = ? and state = 'RUNNING' returning *`,
      [results.pairsChecked, results.inconsistent, results.consistencyRate, results.healthState, results.missedByLiveDetection ?? 0, id],
    );
  }

  /**
   * Ends a still-active run as FAILED: its work threw, its job failed for good, never reached the
   * queue, or vanished from it. A finished run is left as it is (null).
   */
  async markFailed(id: number, message: string): Promise<CheckRunSnapshot | null> {
    return this.maybe(
      `update check_runs set state = 'FAILED', error = ?, finished_at = clock_timestamp(), duration_ms = ${ELAPSED_MS}
       where id = ? and state in ('QUEUED', 'RUNNING') returning *`,
      [message.slice(0, 2000), id],
    );
  }

  // --- reads for health and history -------------------------------------------------------------

  /** The newest run still queued or running (partial index check_runs_active_idx). */
  async findActive(): Promise<CheckRunSnapshot | null> {
    return this.maybe(`select * from check_runs where state in ('QUEUED', 'RUNNING') order by id desc limit 1`);
  }

  /** The newest finished run, succeeded or failed (partial index check_runs_finished_idx). */
  async latestFinished(): Promise<CheckRunSnapshot | null> {
    return this.maybe(`select * from check_runs where finished_at is not null order by finished_at desc limit 1`);
  }

  /** The newest run that produced results: health is judged on it. */
  async latestSucceeded(): Promise<CheckRunSnapshot | null> {
    return this.maybe(
      `select * from check_runs where finished_at is not null and state = 'SUCCEEDED'
       order by finished_at desc limit 1`,
    );
  }

  /** Newest first, keyset on the primary key, either way from a cursor (see keyset-page.ts). */
  async page(page: KeysetPage): Promise<CheckRunPage> {
    // Read-only rows: mapped by the entity, not hydrated (see violation.repository.ts).
    const { rows, ...flags } = await keysetPage(page, (range, order, limit) =>
      this.em.createQueryBuilder(CheckRun).where(range).orderBy({ id: order }).limit(limit).execute('all'),
    );
    return { runs: rows.map((run) => snapshotOf(toJobRun(run))), ...flags };
  }

  count(): Promise<number> {
    return this.em.count(CheckRun);
  }

  private async one(text: string, bindings: unknown[]): Promise<CheckRunSnapshot> {
    const run = await this.maybe(text, bindings);
    if (!run) throw new Error(`Check run not found, or already finished (${bindings.at(-1) as string})`);
    return run;
  }

  private async maybe(text: string, bindings: unknown[] = []): Promise<CheckRunSnapshot | null> {
    const [row] = await query<object>(this.em, text, bindings);
    return row ? snapshotOf(toJobRun(entityData(this.em, CheckRun, row))) : null;
  }
}
