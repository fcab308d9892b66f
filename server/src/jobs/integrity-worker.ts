import { withEntityManager } from '../domain/database/entity-manager-scope';
import {
  createIntegrityWorker,
  type IntegrityBullQueue,
  type IntegrityBullWorker,
  type QueueTransport,
} from './queue-connection';
import type { JobContext } from './job-context';
import { createJobRouter, type JobProcessors } from './job-router';
import { upsertSchedules, type Schedule } from './schedules';
import { GLOBAL_CONCURRENCY, WORKER_SETTINGS } from './worker-settings';

export interface IntegrityWorker {
  readonly worker: IntegrityBullWorker;
  /** Lets the active job finish, then disconnects. */
  close(): Promise<void>;
}

/**
 * Boots one consumer of the integrity queue: checks every job name has a processor, upserts the
 * schedules, sets the global concurrency, then starts taking jobs.
 */
export async function startIntegrityWorker(options: {
  /** The producer-side queue of this process, used for the global concurrency and the schedules. */
  queue: IntegrityBullQueue;
  transport: QueueTransport;
  context: JobContext;
  schedules: Schedule[];
  name?: string;
  /** Processors in place of the catalogue's own (tests: a job that records or fails on purpose). */
  processors?: Partial<JobProcessors>;
}): Promise<IntegrityWorker> {
  const { queue, transport, context, schedules } = options;
  const router = createJobRouter(context, options.processors);
  await queue.setGlobalConcurrency(GLOBAL_CONCURRENCY);
  await upsertSchedules(queue, schedules);

  // Every job in an EntityManager scope of its own: no identity map is shared between jobs.
  const worker = createIntegrityWorker(transport, (job) => withEntityManager(context.orm, () => router(job)), {
    ...WORKER_SETTINGS,
    name: options.name,
    autorun: false,
  });
  // A job failed for good (attempts spent, or stalled too often: BullMQ fails those without calling
  // the processor and reports them only as 'stalled') must not leave its run active. A run its work
  // already ended stays as it is.
  const endRunIfJobFailed = async (jobId: string) => {
    if ((await queue.getJobState(jobId)) !== 'failed') return; // retried, or back to waiting
    const job = await queue.getJob(jobId);
    await withEntityManager(context.orm, () => context.runs.failJob(jobId, job?.failedReason || 'The job failed.'));
  };
  const onEnded = (jobId: string | undefined) => {
    if (!jobId) return;
    endRunIfJobFailed(jobId).catch((err: Error) => context.logger.error({ err: err.message, jobId }, 'could not end the run of a failed job'));
  };
  worker.on('failed', (job) => onEnded(job?.id));
  worker.on('stalled', (jobId) => onEnded(jobId));
  worker.on('error', (error) => context.logger.error({ err: error.message }, 'worker error'));
  void worker.run();
  await worker.waitUntilReady();

  return {
    worker,
    close: () => worker.close(),
  };
}
