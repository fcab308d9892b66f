import type { Job } from 'bullmq';
import type { NotificationJobData } from '../../domain/jobs/alert-jobs';
import type { NotificationDeliveryService } from '../../domain/alerts/notification-delivery.service';

/** A failed try that BullMQ retries; carries the receiver's Retry-After for the backoff. */
export class RetryableDeliveryError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number | null,
  ) {
    super(message);
    this.name = 'RetryableDeliveryError';
  }
}

/** Sends one delivery; a try worth retrying throws (BullMQ's backoff), anything final returns. */
export function notificationProcessor(deliveries: Pick<NotificationDeliveryService, 'deliver'>) {
  return async (job: Job<NotificationJobData>): Promise<string> => {
    const result = await deliveries.deliver(job.data.deliveryId, { number: job.attemptsMade + 1, of: job.opts.attempts ?? 1 });
    if (result.outcome === 'retry') throw new RetryableDeliveryError(result.error, result.retryAfterMs);
    return result.outcome;
  };
}

/** Retry-After when the receiver sent one (capped at an hour), else exponential from the job's delay. */
export function retryAfterOrExponential(attemptsMade: number, delayMs: number, error?: Error): number {
  const retryAfter = error instanceof RetryableDeliveryError ? error.retryAfterMs : null;
  if (retryAfter !== null) return Math.min(Math.max(retryAfter, 0), 3_600_000);
  return Math.round(2 ** Math.max(0, attemptsMade - 1) * delayMs);
}
