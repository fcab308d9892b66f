import { loadConfig } from '../../../src/config/app-config';
import { connectDatabase } from '../../../src/domain/database/database';
import type { CheckRunLifecycle } from '../../../src/domain/integrity/check-run-lifecycle.service';
import { createLogger } from '../../../src/domain/logging/logger';
import { createDomainServices } from '../../../src/domain/services';
import { createRedisEventBus } from '../../../src/events/redis-event-bus';
import { IntegrityQueue } from '../../../src/jobs/integrity-queue';
import { closeTransport, redisTransport } from '../../../src/jobs/queue-connection';
import { connectSql, runs, seedSpreadStudents, type Sql } from '../../support/sql-fixtures';
import { waitFor } from '../../support/wait-for';
import { createJobsEnvironment, startWorkerProcess, type ChildNode, type JobsEnvironment } from '../../support/job-processes';

export interface TwoWorkers {
  jobs: JobsEnvironment;
  sql: Sql;
  /** worker-a and worker-b, each pausing 400 ms after every progress step (WORKER_STEP_DELAY_MS). */
  workers: ChildNode[];
  /** The API side of the runs: what "check now" goes through. */
  checkRuns: CheckRunLifecycle;
  /** The API side of the queue (depth, workers online). */
  queue: IntegrityQueue;
  close(): Promise<void>;
}

/**
 * Two real worker processes on one queue, a producer, and students whose ids spread over 200k, so
 * a check takes ten chunks (two at a time, each step paced: ~2 s per check). Returns once the
 * check the scheduler runs at creation has finished on the still-empty database.
 */
export async function startTwoPacedWorkers(): Promise<TwoWorkers> {
  const jobs = await createJobsEnvironment();
  const { sql, close: closeSql } = await connectSql(jobs.databaseUrl);
  const paced = { WORKER_STEP_DELAY_MS: '400' };
  const workers = await Promise.all([startWorkerProcess(jobs, paced, 'worker-a'), startWorkerProcess(jobs, paced, 'worker-b')]);
  const orm = await connectDatabase({ url: jobs.databaseUrl, poolMax: 4 });
  const transport = redisTransport(jobs.redisUrl, jobs.prefix);
  const bus = createRedisEventBus({ url: jobs.redisUrl, prefix: jobs.prefix, logger: createLogger('silent', 'test') });
  const queue = new IntegrityQueue(transport);
  const { checkRuns } = await createDomainServices(loadConfig({ ...jobs.env, LOG_LEVEL: 'silent' }).domain, orm, { events: bus, jobs: queue });
  await waitFor(async () => {
    const all = await runs(sql);
    return all.length >= 1 && all.every((r) => r.finished_at !== null);
  }, 30_000);
  await seedSpreadStudents(sql, 200, 200_000);
  return {
    jobs,
    sql,
    workers,
    checkRuns,
    queue,
    async close() {
      await Promise.all(workers.map((w) => w.stop()));
      await queue.close();
      await bus.close();
      await closeTransport(transport);
      await orm.close(true);
      await closeSql();
    },
  };
}
