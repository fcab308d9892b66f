import type { Job } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/app-config';
import { JOBS, type QueueJobData } from '../../src/domain/jobs/job-catalogue';
import type { Orm } from '../../src/domain/database/database';
import { createLogger } from '../../src/domain/logging/logger';
import type { JobContext, JobRuns } from '../../src/jobs/job-context';
import { createJobRouter } from '../../src/jobs/job-router';
import { schedulesFor } from '../../src/jobs/schedules';

const purges: number[] = [];
const context: JobContext = {
  orm: {} as Orm,
  runs: {} as JobRuns,
  integrity: { run: async () => undefined },
  repairs: { autoSync: async () => undefined },
  idempotencyRetention: {
    purgeExpired: async () => {
      purges.push(Date.now());
      return 7;
    },
  },
  auditRetention: { purgeExpired: async () => 0 },
  logger: createLogger('silent', 'test'),
  pace: async () => undefined,
};

describe('the job router', () => {
  it('refuses to boot when a job of the catalogue has no processor', () => {
    expect(() => createJobRouter(context, { [JOBS.AUTO_SYNC]: undefined })).toThrow(/No processor for job\(s\): auto-sync/);
    expect(() => createJobRouter(context, { [JOBS.MAINTENANCE]: undefined })).toThrow(/No processor for job\(s\): maintenance/);
  });

  it('has a processor for every job of the catalogue', () => {
    expect(() => createJobRouter(context)).not.toThrow();
  });

  it('sends a maintenance job to the idempotency purge, without touching the run ledger', async () => {
    const route = createJobRouter(context);
    const job = { id: 'repeat:maintenance:1', name: JOBS.MAINTENANCE, data: { task: 'purge-expired-idempotency-records' } } as Job<QueueJobData>;
    expect(await route(job)).toEqual({ purgedIdempotencyRecords: 7, purgedAuditEntries: 0 });
    expect(purges).toHaveLength(1);
  });
});

describe('the schedule table', () => {
  it('has one schedule per job, at the configured intervals; only the check fires when created', () => {
    const schedules = schedulesFor(loadConfig({ HEALTH_CHECK_INTERVAL_MINUTES: '5', AUTO_SYNC_INTERVAL_HOURS: '6' }).domain.schedules);
    expect(schedules.map((s) => [s.name, s.everyMs, s.data, s.firstRun])).toEqual([
      [JOBS.INTEGRITY_CHECK, 300_000, { trigger: 'SCHEDULED' }, 'at-creation'],
      [JOBS.AUTO_SYNC, 21_600_000, { trigger: 'AUTO_SYNC' }, 'after-one-interval'],
      [JOBS.MAINTENANCE, 3_600_000, { task: 'purge-expired-idempotency-records' }, 'after-one-interval'],
    ]);
  });
});
