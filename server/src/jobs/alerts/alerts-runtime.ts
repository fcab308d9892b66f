import type { AlertEvaluator } from '../../domain/alerts/alert-evaluator';
import type { NotificationDeliveryService } from '../../domain/alerts/notification-delivery.service';
import type { Orm } from '../../domain/database/database';
import type { Logger } from '../../domain/logging/logger';
import type { IntegrityWorker } from '../integrity-worker';
import type { JobsRuntime } from '../jobs-runtime';
import { startAlertWorkers, type AlertWorkers } from './alert-workers';

/**
 * The alert workers of a worker process (or the all-in-one process), on the runtime's queues. Every
 * integrity job that ends (done or failed for good) asks for an evaluation, so a check's result is
 * alerted on within seconds, not at the next scheduled evaluation.
 */
export async function startAlertWorkersFor(
  runtime: JobsRuntime,
  dependencies: { orm: Orm; alertEvaluator: Pick<AlertEvaluator, 'evaluate'>; notificationDeliveries: Pick<NotificationDeliveryService, 'deliver'> },
  integrityWorker: IntegrityWorker,
  options: { evaluationSeconds: number; logger: Logger; name?: string },
): Promise<AlertWorkers> {
  const workers = await startAlertWorkers({
    transport: runtime.transport,
    queues: runtime.alertQueues,
    orm: dependencies.orm,
    evaluator: dependencies.alertEvaluator,
    deliveries: dependencies.notificationDeliveries,
    evaluationSeconds: options.evaluationSeconds,
    logger: options.logger,
    name: options.name,
  });
  const evaluateAfterCheck = () =>
    void runtime.alertQueues.requestEvaluation('check-finished').catch((error: Error) => options.logger.warn({ err: error.message }, 'alert evaluation not requested'));
  integrityWorker.worker.on('completed', evaluateAfterCheck);
  integrityWorker.worker.on('failed', evaluateAfterCheck);
  return workers;
}
