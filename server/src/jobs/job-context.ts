import type { Orm } from '../domain/database/database';
import type { CheckRunLifecycle } from '../domain/integrity/check-run-lifecycle.service';
import type { CheckRunOptions } from '../domain/integrity/integrity-check.service';
import type { Logger } from '../domain/logging/logger';

/** The domain services the processors call (signatures owned by the integrity domain). */
export interface IntegrityCheckRunner {
  run(runId: number, options: CheckRunOptions): Promise<unknown>;
}

export interface AutoSyncRunner {
  autoSync(runId: number, jobId: string, options: CheckRunOptions): Promise<unknown>;
}

export interface MaintenanceRunner {
  /** Purges idempotency records past their retention; returns how many. */
  purgeExpired(): Promise<number>;
}

/** What the job layer asks of a run's owner: which run a job fills, and ending one the queue gave up. */
export type JobRuns = Pick<CheckRunLifecycle, 'runOfJob' | 'failJob'>;

/** What every processor gets: the domain, the run lifecycle, and nothing of BullMQ setup. */
export interface JobContext {
  /** Each job runs in an EntityManager scope of its own, forked from this ORM. */
  readonly orm: Orm;
  readonly runs: JobRuns;
  readonly integrity: IntegrityCheckRunner;
  readonly repairs: AutoSyncRunner;
  readonly idempotencyRetention: MaintenanceRunner;
  /** Deletes audit entries past AUDIT_RETENTION_DAYS, auditing that it did; returns how many. */
  readonly auditRetention: MaintenanceRunner;
  readonly logger: Logger;
  /** Called after each progress step; waits `WORKER_STEP_DELAY_MS` (0 outside tests of long checks). */
  pace(): Promise<void>;
}
