import type { AlertEvaluator } from '../../domain/alerts/alert-evaluator';
import type { NotificationDeliveryService } from '../../domain/alerts/notification-delivery.service';
import type { Orm } from '../../domain/database/database';
import { withEntityManager } from '../../domain/database/entity-manager-scope';
import { ALERT_JOBS, ALERTS_QUEUE, NOTIFICATIONS_QUEUE, type AlertEvaluationJobData, type NotificationJobData } from '../../domain/jobs/alert-jobs';
import type { Logger } from '../../domain/logging/logger';
import { createBullWorker, type QueueTransport } from '../queue-connection';
import { RETRY_AFTER_BACKOFF, type AlertQueues } from './alert-queues';
import { notificationProcessor, retryAfterOrExponential } from './notification.processor';

/** Deliveries in flight per worker process: they wait on receivers, not on the CPU. */
const NOTIFICATION_CONCURRENCY = 4;

export interface AlertWorkers {
  close(): Promise<void>;
}

export interface NotificationWorkerOptions {
  transport: QueueTransport;
  orm: Orm;
  deliveries: Pick<NotificationDeliveryService, 'deliver'>;
  logger: Logger;
  name?: string;
}

/** Consumes the notifications queue: one delivery per job, retried with Retry-After or exponential backoff. */
export async function startNotificationWorker(options: NotificationWorkerOptions): Promise<AlertWorkers> {
  const { transport, orm, logger } = options;
  const deliver = notificationProcessor(options.deliveries);
  const notifications = createBullWorker<NotificationJobData, string>(NOTIFICATIONS_QUEUE, transport, (job) => withEntityManager(orm, () => deliver(job)), {
    concurrency: NOTIFICATION_CONCURRENCY,
    lockDuration: 5_000,
    stalledInterval: 5_000,
    // A delivery is at-least-once: a job that stalls again and again is still tried, not failed.
    maxStalledCount: 10,
    name: options.name,
    autorun: false,
    settings: {
      backoffStrategy: (attemptsMade, type, error, job) =>
        type === RETRY_AFTER_BACKOFF ? retryAfterOrExponential(attemptsMade, Number((job?.opts.backoff as { delay?: number } | undefined)?.delay ?? 5_000), error) : 5_000,
    },
  });
  notifications.on('error', (error) => logger.error({ err: error.message }, 'notification worker error'));
  notifications.on('failed', (job, error) =>
    logger.warn({ jobId: job?.id, deliveryId: job?.data.deliveryId, attempt: job?.attemptsMade, err: error.message }, 'notification attempt failed'),
  );
  void notifications.run();
  await notifications.waitUntilReady();
  return { close: () => notifications.close() };
}

/**
 * The alert workers of a worker process: the evaluation (one at a time across all workers: concurrency 1,
 * the queue's global concurrency 1, and the evaluator's advisory lock), its job scheduler, and the
 * notification deliveries. A killed worker's job comes back after its lock expires (5 s) and the
 * stalled sweep (5 s): a delivery cut mid-send is sent again, with the same event id.
 */
export async function startAlertWorkers(options: NotificationWorkerOptions & {
  queues: AlertQueues;
  evaluator: Pick<AlertEvaluator, 'evaluate'>;
  evaluationSeconds: number;
}): Promise<AlertWorkers> {
  const { transport, queues, orm, logger } = options;
  await queues.alerts.setGlobalConcurrency(1);
  await queues.alerts.upsertJobScheduler(
    ALERT_JOBS.EVALUATE,
    { every: Math.round(options.evaluationSeconds * 1000) },
    { name: ALERT_JOBS.EVALUATE, data: { reason: 'scheduled' }, opts: { attempts: 1, removeOnComplete: { count: 50 }, removeOnFail: { count: 200 } } },
  );
  const evaluation = createBullWorker<AlertEvaluationJobData, string>(
    ALERTS_QUEUE,
    transport,
    (job) => withEntityManager(orm, () => options.evaluator.evaluate()).then((result) => ({ ...result, reason: job.data.reason })),
    { concurrency: 1, lockDuration: 5_000, stalledInterval: 5_000, maxStalledCount: 2, name: options.name, autorun: false },
  );
  evaluation.on('error', (error) => logger.error({ err: error.message }, 'alert worker error'));
  evaluation.on('failed', (job, error) => logger.error({ jobId: job?.id, err: error.message }, 'alert evaluation failed'));
  void evaluation.run();
  await evaluation.waitUntilReady();
  const notifications = await startNotificationWorker(options);
  return {
    async close() {
      await Promise.all([evaluation.close(), notifications.close()]);
    },
  };
}
