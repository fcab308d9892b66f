import type { Queue } from 'bullmq';
import {
  ALERT_JOBS,
  ALERTS_QUEUE,
  jobIdForDelivery,
  NOTIFICATIONS_QUEUE,
  type AlertEvaluationJobData,
  type AlertJobs,
  type NotificationJobData,
} from '../../domain/jobs/alert-jobs';
import { createBullQueue, type QueueTransport } from '../queue-connection';

export type AlertsBullQueue = Queue<AlertEvaluationJobData, unknown, typeof ALERT_JOBS.EVALUATE>;
export type NotificationsBullQueue = Queue<NotificationJobData, unknown, typeof ALERT_JOBS.DELIVER>;

/** The custom backoff of notification jobs: the receiver's Retry-After, else exponential. */
export const RETRY_AFTER_BACKOFF = 'retry-after-or-exponential';

export interface NotificationRetry {
  readonly attempts: number;
  readonly backoffMs: number;
}

/** NOTIFICATION_ATTEMPTS and NOTIFICATION_BACKOFF_MS's defaults, for runtimes made without the domain config. */
export const DEFAULT_NOTIFICATION_RETRY: NotificationRetry = { attempts: 8, backoffMs: 5_000 };

/** The retry settings of the domain's alert configuration. */
export const notificationRetryOf = (config: { notificationAttempts: number; notificationBackoffMs: number }): NotificationRetry => ({
  attempts: config.notificationAttempts,
  backoffMs: config.notificationBackoffMs,
});

/**
 * The producer side of the two alert queues, implementing the domain's port. An evaluation is a
 * small job (its history is in PostgreSQL); a delivery's job id is the delivery's, so adding it
 * again while the job exists is a no-op.
 */
export class AlertQueues implements AlertJobs {
  readonly alerts: AlertsBullQueue;
  readonly notifications: NotificationsBullQueue;

  constructor(transport: QueueTransport, private readonly retry: NotificationRetry) {
    this.alerts = createBullQueue(ALERTS_QUEUE, transport, {
      defaultJobOptions: { attempts: 1, removeOnComplete: { count: 50 }, removeOnFail: { count: 200 } },
    });
    this.notifications = createBullQueue(NOTIFICATIONS_QUEUE, transport, {
      defaultJobOptions: {
        attempts: retry.attempts,
        backoff: { type: RETRY_AFTER_BACKOFF, delay: retry.backoffMs },
        // Deliveries keep their own history (attempt log, status); the queue keeps a short tail.
        removeOnComplete: { count: 500, age: 24 * 3600 },
        removeOnFail: { count: 1000, age: 7 * 24 * 3600 },
      },
    });
  }

  async requestEvaluation(reason: AlertEvaluationJobData['reason']): Promise<void> {
    await this.alerts.add(ALERT_JOBS.EVALUATE, { reason });
  }

  async enqueueDeliveries(deliveryIds: readonly number[]): Promise<void> {
    if (deliveryIds.length === 0) return;
    await this.notifications.addBulk(
      [...new Set(deliveryIds)].map((deliveryId) => ({ name: ALERT_JOBS.DELIVER, data: { deliveryId }, opts: { jobId: jobIdForDelivery(deliveryId) } })),
    );
  }

  async close(): Promise<void> {
    await Promise.all([this.alerts.close(), this.notifications.close()]);
  }
}
