import { loadConfig } from '../../../src/config/app-config';
import { connectDatabase, type Orm } from '../../../src/domain/database/database';
import { createLogger } from '../../../src/domain/logging/logger';
import { createDomainServices, type DomainServices } from '../../../src/domain/services';
import { createJobsRuntime, type JobsRuntime } from '../../../src/jobs/jobs-runtime';
import type { IntegrityWorker } from '../../../src/jobs/integrity-worker';
import { startIntegrityWorker } from '../../../src/jobs/integrity-worker';
import type { JobProcessors } from '../../../src/jobs/job-router';
import { connectSql, seedSpreadStudents, type Sql } from '../../support/sql-fixtures';
import { createJobsEnvironment } from '../../support/job-processes';

export interface InProcessJobs {
  readonly sql: Sql;
  readonly runtime: JobsRuntime;
  readonly orm: Orm;
  readonly services: DomainServices;
  /** Undefined until started (see `startWorker`). */
  readonly worker: IntegrityWorker | undefined;
  readonly prefix: string;
  readonly redisUrl: string;
  startWorker(processors?: Partial<JobProcessors>): Promise<IntegrityWorker>;
  close(): Promise<void>;
}

/** Queue, worker (no schedules, no pacing) and domain in the test process, on Redis with a fresh prefix. */
export async function startInProcessJobs(students = 50, options: { worker?: boolean } = {}): Promise<InProcessJobs> {
  const jobs = await createJobsEnvironment();
  const { sql, close: closeSql } = await connectSql(jobs.databaseUrl);
  await seedSpreadStudents(sql, students, students * 100);
  const config = loadConfig({ ...jobs.env, LOG_LEVEL: 'silent' });
  const logger = createLogger('silent', 'test');
  const orm: Orm = await connectDatabase({ url: jobs.databaseUrl, poolMax: 6 });
  const runtime = createJobsRuntime(config.process, logger);
  const services = await createDomainServices(config.domain, orm, { events: runtime.bus, jobs: runtime.queue });
  let worker: IntegrityWorker | undefined;
  const startWorker = async (processors?: Partial<JobProcessors>) => {
    worker = await startIntegrityWorker({
      processors,
      queue: runtime.queue.queue,
      transport: runtime.transport,
      schedules: [],
      context: {
        orm,
        runs: services.checkRuns,
        integrity: services.integrity,
        repairs: services.repairs,
        idempotencyRetention: services.idempotencyRetention,
        auditRetention: services.auditRetention,
        logger,
        pace: async () => undefined,
      },
    });
    return worker;
  };
  if (options.worker !== false) await startWorker();
  return {
    sql,
    runtime,
    orm,
    services,
    get worker() {
      return worker;
    },
    prefix: jobs.prefix,
    redisUrl: jobs.redisUrl,
    startWorker,
    async close() {
      await worker?.close();
      await runtime.close();
      await orm.close(true);
      await closeSql();
    },
  };
}
