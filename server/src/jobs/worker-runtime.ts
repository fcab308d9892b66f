import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../domain/logging/logger';
import type { DomainServices } from '../domain/services';
import type { JobsRuntime } from './jobs-runtime';
import { startIntegrityWorker, type IntegrityWorker } from './integrity-worker';
import { schedulesFor } from './schedules';

/**
 * A worker consuming the runtime's queue with the domain services: used by the workers process and
 * by the all-in-one process (API and worker together).
 */
export function startWorkerFor(
  runtime: JobsRuntime,
  services: DomainServices,
  options: { logger: Logger; name?: string; stepDelayMs?: number },
): Promise<IntegrityWorker> {
  const delay = options.stepDelayMs ?? 0;
  return startIntegrityWorker({
    queue: runtime.queue.queue,
    transport: runtime.transport,
    name: options.name,
    schedules: schedulesFor(services.config),
    context: {
      orm: services.orm,
      runs: services.checkRuns,
      integrity: services.integrity,
      repairs: services.repairs,
      idempotencyRetention: services.idempotencyRetention,
      logger: options.logger,
      pace: () => (delay > 0 ? sleep(delay) : Promise.resolve()),
    },
  });
}
