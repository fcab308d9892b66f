import type { EventPublisher } from '../domain/events/topics';
import type { CheckRunRepository } from '../domain/integrity/check-run.repository';
import type { Logger } from '../domain/logging/logger';

/** The domain services the processors call (signatures owned by the integrity domain). */
export interface RunProgress {
  onProgress: (progress: number) => void | Promise<void>;
}

export interface IntegrityCheckRunner {
  run(runId: number, options: RunProgress): Promise<unknown>;
}

export interface AutoSyncRunner {
  autoSync(runId: number, jobId: string, options: RunProgress): Promise<unknown>;
}

export interface MaintenanceRunner {
  /** Purges idempotency records past their retention; returns how many. */
  purgeExpired(): Promise<number>;
}

/** What every processor gets: the domain, the run ledger, the event port, and nothing of BullMQ setup. */
export interface JobContext {
  readonly runs: CheckRunRepository;
  readonly events: EventPublisher;
  readonly integrity: IntegrityCheckRunner;
  readonly repairs: AutoSyncRunner;
  readonly idempotencyRetention: MaintenanceRunner;
  readonly logger: Logger;
  /** Called after each progress step; waits `WORKER_STEP_DELAY_MS` (0 outside tests of long checks). */
  pace(): Promise<void>;
}
