import { TOPICS } from '../domain/events/topics';
import {
  createIntegrityWorker,
  type IntegrityBullQueue,
  type IntegrityBullWorker,
  type QueueTransport,
} from './queue-connection';
import type { JobContext } from './job-context';
import { createJobRouter } from './job-router';
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
}): Promise<IntegrityWorker> {
  const { queue, transport, context, schedules } = options;
  const router = createJobRouter(context);
  await queue.setGlobalConcurrency(GLOBAL_CONCURRENCY);
  await upsertSchedules(queue, schedules);

  const worker = createIntegrityWorker(transport, router, { ...WORKER_SETTINGS, name: options.name, autorun: false });
  // A job failed for good (attempts spent, or stalled too often: BullMQ fails those without calling
  // the processor and reports them only as 'stalled') must not leave its run active.
  const endRunIfJobFailed = async (jobId: string) => {
    if ((await queue.getJobState(jobId)) !== 'failed') return; // retried, or back to waiting
    const [run, job] = await Promise.all([context.runs.findByJobId(jobId), queue.getJob(jobId)]);
    const failed = run ? await context.runs.markFailed(run.id, job?.failedReason || 'The job failed.') : null;
    if (failed) await context.events.publish(TOPICS.CHECK_RUN_UPDATED, failed);
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
