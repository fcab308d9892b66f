import { createPostgresBackend, Queue, Worker, type JobsOptions, type Processor, type WorkerOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { INTEGRITY_QUEUE, type JobName, type QueueJobData } from '../domain/jobs/job-catalogue';

/** How long a job waits before its retry, doubling each time (3 attempts: 5 s, then 10 s). */
export const JOB_RETRY: Pick<JobsOptions, 'attempts' | 'backoff'> = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 5_000 },
};

/** Finished jobs are history in check_runs already; the queue keeps only a short tail for inspection. */
export const JOB_RETENTION: Pick<JobsOptions, 'removeOnComplete' | 'removeOnFail'> = {
  removeOnComplete: { count: 200, age: 24 * 3600 },
  removeOnFail: { count: 500, age: 7 * 24 * 3600 },
};

/**
 * Where BullMQ keeps the queue: Redis (the scaled topology), or PostgreSQL through BullMQ's own
 * backend (the all-in-one mode without Redis; same API, its tables in their own schema).
 */
export type QueueTransport =
  | { readonly kind: 'redis'; readonly connection: Redis; readonly prefix: string }
  | { readonly kind: 'postgres'; readonly connectionString: string; readonly schema: string };

export type IntegrityBullQueue = Queue<QueueJobData, unknown, JobName>;
export type IntegrityBullWorker = Worker<QueueJobData, unknown, JobName>;

/**
 * `maxRetriesPerRequest: null` is required for a worker's blocking commands and keeps a producer
 * waiting out a Redis restart instead of failing.
 */
export function redisTransport(url: string, prefix: string): QueueTransport {
  return { kind: 'redis', connection: new Redis(url, { maxRetriesPerRequest: null }), prefix: `${prefix}:bull` };
}

export function postgresTransport(connectionString: string, schema = 'bullmq'): QueueTransport {
  return { kind: 'postgres', connectionString, schema };
}

const defaultJobOptions = { ...JOB_RETRY, ...JOB_RETENTION };

// The PostgreSQL backend's classes carry another backend type parameter but the same public API.
export function createIntegrityQueue(transport: QueueTransport): IntegrityBullQueue {
  if (transport.kind === 'redis') {
    return new Queue(INTEGRITY_QUEUE, { connection: transport.connection, prefix: transport.prefix, defaultJobOptions });
  }
  const connection = { connectionString: transport.connectionString, schema: transport.schema, migrate: true };
  return new Queue(INTEGRITY_QUEUE, { connection, defaultJobOptions }, createPostgresBackend) as unknown as IntegrityBullQueue;
}

export function createIntegrityWorker(
  transport: QueueTransport,
  processor: Processor<QueueJobData, unknown, JobName>,
  settings: Omit<WorkerOptions, 'connection'>,
): IntegrityBullWorker {
  if (transport.kind === 'redis') {
    // Its own connection: a worker blocks on it while waiting for jobs.
    return new Worker(INTEGRITY_QUEUE, processor, { ...settings, connection: transport.connection.duplicate(), prefix: transport.prefix });
  }
  const connection = { connectionString: transport.connectionString, schema: transport.schema, migrate: true };
  return new Worker(INTEGRITY_QUEUE, processor, { ...settings, connection }, createPostgresBackend) as unknown as IntegrityBullWorker;
}

export async function closeTransport(transport: QueueTransport): Promise<void> {
  if (transport.kind === 'redis') await transport.connection.quit().catch(() => transport.connection.disconnect());
}
