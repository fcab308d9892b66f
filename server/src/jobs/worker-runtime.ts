import { setTimeout as sleep } from 'node:timers/promises';
import type { ScheduleConfig } from '../domain/config/domain-config';
import type { Logger } from '../domain/logging/logger';
import type { JobContext } from './job-context';
import type { JobsRuntime } from './jobs-runtime';
import { startIntegrityWorker, type IntegrityWorker } from './integrity-worker';
import { schedulesFor } from './schedules';

/** The domain a worker's processors call: the ORM their jobs fork, the run lifecycle, and the services each job runs. */
export type WorkerDependencies = Pick<JobContext, 'orm' | 'runs' | 'integrity' | 'repairs' | 'idempotencyRetention' | 'auditRetention'>;

/**
 * A worker consuming the runtime's queue: used by the workers process and by the all-in-one process
 * (API and worker together).
 */
export function startWorkerFor(
  runtime: JobsRuntime,
  dependencies: WorkerDependencies,
  options: { schedules: ScheduleConfig; logger: Logger; name?: string; stepDelayMs?: number },
): Promise<IntegrityWorker> {
  const delay = options.stepDelayMs ?? 0;
  return startIntegrityWorker({
    queue: runtime.queue.queue,
    transport: runtime.transport,
    name: options.name,
    schedules: schedulesFor(options.schedules),
    context: {
      orm: dependencies.orm,
      runs: dependencies.runs,
      integrity: dependencies.integrity,
      repairs: dependencies.repairs,
      idempotencyRetention: dependencies.idempotencyRetention,
      auditRetention: dependencies.auditRetention,
      logger: options.logger,
      pace: () => (delay > 0 ? sleep(delay) : Promise.resolve()),
    },
  });
}
