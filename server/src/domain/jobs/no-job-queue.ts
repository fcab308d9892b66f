import type { IntegrityJobs } from './job-catalogue';

/** For processes that only consume jobs (workers) or tests without a queue: reads answer empty, requests refuse. */
export const NO_JOB_QUEUE: IntegrityJobs = {
  requestCheck: () => Promise.reject(new Error('This process has no job queue to request a check on.')),
  requestAutoSync: () => Promise.reject(new Error('This process has no job queue to request an auto-sync on.')),
  nextScheduledAt: async () => null,
  queueDepth: async () => 0,
  workersOnline: async () => 0,
};
