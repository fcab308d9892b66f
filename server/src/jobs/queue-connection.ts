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
/** A queue of any name on the transport (the integrity queue, the alert queues). */
export function createBullQueue<D, N extends string>(name: string, transport: QueueTransport, options: { defaultJobOptions: JobsOptions }): Queue<D, unknown, N> {
  if (transport.kind === 'redis') {
    return new Queue<D, unknown, N>(name, { connection: transport.connection, prefix: transport.prefix, ...options });
  }
  const connection = { connectionString: transport.connectionString, schema: transport.schema, migrate: true };
  return new Queue(name, { connection, ...options }, createPostgresBackend) as unknown as Queue<D, unknown, N>;
}

/** A worker of any queue on the transport: on Redis with a connection of its own (it blocks on it while waiting for jobs). */
export function createBullWorker<D, N extends string>(
  name: string,
  transport: QueueTransport,
  processor: Processor<D, unknown, N>,
  settings: Omit<WorkerOptions, 'connection'>,
): Worker<D, unknown, N> {
  if (transport.kind === 'redis') {
    return new Worker<D, unknown, N>(name, processor, { ...settings, connection: transport.connection.duplicate(), prefix: transport.prefix });
  }
  const connection = { connectionString: transport.connectionString, schema: transport.schema, migrate: true };
  return new Worker(name, processor, { ...settings, connection }, createPostgresBackend) as unknown as Worker<D, unknown, N>;
}

export function createIntegrityQueue(transport: QueueTransport): IntegrityBullQueue {
  return createBullQueue<QueueJobData, JobName>(INTEGRITY_QUEUE, transport, { defaultJobOptions });
}

export function createIntegrityWorker(
  transport: QueueTransport,
  processor: Processor<QueueJobData, unknown, JobName>,
  settings: Omit<WorkerOptions, 'connection'>,
): IntegrityBullWorker {
  return createBullWorker(INTEGRITY_QUEUE, transport, processor, settings);
}

export async function closeTransport(transport: QueueTransport): Promise<void> {
  if (transport.kind === 'redis') await transport.connection.quit().catch(() => transport.connection.disconnect());
}
