import type { WorkerOptions } from 'bullmq';

/**
 * One job at a time per worker, and the queue's global concurrency of 1 makes it one at a time
 * across all workers. A killed worker's lock expires after 5 s and the stalled sweep (every 5 s)
 * returns its job to the queue: another worker resumes within ~10 s instead of BullMQ's ~60 s.
 * Lock renewal runs every 2.5 s, which the non-blocking SQL of a check never starves.
 */
export const WORKER_SETTINGS: Pick<WorkerOptions, 'concurrency' | 'lockDuration' | 'stalledInterval' | 'maxStalledCount'> = {
  concurrency: 1,
  lockDuration: 5_000,
  stalledInterval: 5_000,
  maxStalledCount: 2,
};

export const GLOBAL_CONCURRENCY = 1;
