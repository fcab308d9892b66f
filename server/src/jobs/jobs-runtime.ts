import type { ProcessConfig } from '../config/process-config';
import type { Logger } from '../domain/logging/logger';
import type { EventBus } from '../events/event-bus';
import { createInProcessEventBus } from '../events/in-process-event-bus';
import { createRedisEventBus } from '../events/redis-event-bus';
import { AlertQueues, DEFAULT_NOTIFICATION_RETRY, type NotificationRetry } from './alerts/alert-queues';
import { IntegrityQueue } from './integrity-queue';
import { closeTransport, postgresTransport, redisTransport, type QueueTransport } from './queue-connection';

/** The job queue and event transport of one process, chosen once from the configuration. */
export interface JobsRuntime {
  readonly transport: QueueTransport;
  readonly bus: EventBus;
  readonly queue: IntegrityQueue;
  /** The alert evaluation and notification queues (the domain's AlertJobs port). */
  readonly alertQueues: AlertQueues;
  close(): Promise<void>;
}

/**
 * With REDIS_URL: BullMQ and pub/sub on Redis (any number of API and worker processes). Without it
 * (the all-in-one process only): BullMQ's PostgreSQL backend and in-process events.
 */
export function createJobsRuntime(
  config: Pick<ProcessConfig, 'databaseUrl' | 'redisUrl' | 'redisKeyPrefix'>,
  logger: Logger,
  notificationRetry: NotificationRetry = DEFAULT_NOTIFICATION_RETRY,
): JobsRuntime {
  const onRedis = config.redisUrl !== undefined;
  if (!onRedis && !config.databaseUrl) throw new Error('The job queue needs REDIS_URL or DATABASE_URL');
  const transport = onRedis ? redisTransport(config.redisUrl!, config.redisKeyPrefix) : postgresTransport(config.databaseUrl!);
  const bus = onRedis ? createRedisEventBus({ url: config.redisUrl!, prefix: config.redisKeyPrefix, logger }) : createInProcessEventBus(logger);
  const queue = new IntegrityQueue(transport);
  const alertQueues = new AlertQueues(transport, notificationRetry);
  return {
    transport,
    bus,
    queue,
    alertQueues,
    async close() {
      await queue.close();
      await alertQueues.close();
      await bus.close();
      await closeTransport(transport);
    },
  };
}
