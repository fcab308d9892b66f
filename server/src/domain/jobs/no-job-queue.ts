import type { IntegrityJobs } from './integrity-jobs';

const refuse = () => Promise.reject(new Error('This process has no job queue to request a check on.'));

/** For processes that only consume jobs (workers) or tests without a queue: reads answer empty, requests refuse. */
export const NO_JOB_QUEUE: IntegrityJobs = {
  // A request asks for a due scheduled job first: it is refused before any run is reserved.
  dueScheduledJob: refuse,
  addDeduplicated: refuse,
  releaseDeduplication: async () => undefined,
  jobStatus: async () => 'missing',
  nextScheduledAt: async () => null,
  queueDepth: async () => 0,
  workersOnline: async () => 0,
};
