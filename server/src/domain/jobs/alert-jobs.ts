/** The alert queues and their job names, shared by whoever enqueues (API, workers) and the alert workers. */
export const ALERTS_QUEUE = 'alerts';
export const NOTIFICATIONS_QUEUE = 'notifications';

export const ALERT_JOBS = {
  /** Evaluates every rule once (scheduled, and after each check run). */
  EVALUATE: 'alerts-evaluate',
  /** Sends one notification delivery (one transition to one channel). */
  DELIVER: 'notification-deliver',
} as const;

export interface AlertEvaluationJobData {
  reason: 'scheduled' | 'check-finished' | 'requested';
}

export interface NotificationJobData {
  deliveryId: number;
}

/** One job per delivery: adding it again (a recovered enqueue) is a no-op while the job exists. */
export const jobIdForDelivery = (deliveryId: number): string => `delivery-${deliveryId}`;

/** The alert queues as the domain sees them (BullMQ implements it in server/src/jobs/alerts). */
export interface AlertJobs {
  requestEvaluation(reason: AlertEvaluationJobData['reason']): Promise<void>;
  enqueueDeliveries(deliveryIds: readonly number[]): Promise<void>;
}

/** For processes without the alert queues (tests of the domain alone): nothing is enqueued. */
export const NO_ALERT_JOBS: AlertJobs = {
  requestEvaluation: async () => undefined,
  enqueueDeliveries: async () => undefined,
};
