import { loadConfig } from '../../src/config/app-config';
import { connectDatabase, type Orm } from '../../src/domain/database/database';
import { withEntityManager } from '../../src/domain/database/entity-manager-scope';
import { createLogger } from '../../src/domain/logging/logger';
import { createDomainServices, type DomainServices } from '../../src/domain/services';
import { notificationRetryOf } from '../../src/jobs/alerts/alert-queues';
import { startAlertWorkersFor } from '../../src/jobs/alerts/alerts-runtime';
import type { AlertWorkers } from '../../src/jobs/alerts/alert-workers';
import { startIntegrityWorker, type IntegrityWorker } from '../../src/jobs/integrity-worker';
import { createJobsRuntime, type JobsRuntime } from '../../src/jobs/jobs-runtime';
import { createJobsEnvironment, type JobsEnvironment } from './job-processes';
import { connectSql, seedSpreadStudents, type Sql } from './sql-fixtures';
import { waitFor } from './wait-for';

/** Short timings: notifications retry after 150 ms (doubling), evaluations every 2 s besides the ones after each check. */
export const FAST_ALERTS_ENV = {
  NOTIFICATION_ATTEMPTS: '8',
  NOTIFICATION_BACKOFF_MS: '150',
  NOTIFICATION_TIMEOUT_MS: '3000',
  ALERT_EVALUATION_SECONDS: '2',
  // Tests never reach PagerDuty's real endpoint: a closed loopback port unless a test brings its receiver.
  PAGERDUTY_EVENTS_URL: 'http://127.0.0.1:9/v2/enqueue',
};

export interface AlertStack {
  readonly jobs: JobsEnvironment;
  readonly sql: Sql;
  readonly orm: Orm;
  readonly runtime: JobsRuntime;
  readonly services: DomainServices;
  /** Runs in a unit of work of its own, as a request or a job would. */
  scoped<T>(work: (services: DomainServices) => Promise<T>): Promise<T>;
  /** Queues a check and waits for it to finish (its evaluation follows from the worker). */
  check(): Promise<void>;
  /** Stops the in-process integrity worker (no worker consumes checks), and starts it again. */
  stopIntegrityWorker(): Promise<void>;
  startIntegrityWorker(): Promise<void>;
  close(): Promise<void>;
}

/** The queue, an integrity worker and the alert workers in the test process, on Redis with a fresh prefix. */
export async function startAlertStack(students: number, env: Record<string, string> = {}, options: { alertWorkers?: boolean } = {}): Promise<AlertStack> {
  const jobs = await createJobsEnvironment();
  const { sql, close: closeSql } = await connectSql(jobs.databaseUrl);
  await seedSpreadStudents(sql, students, students * 10);
  const config = loadConfig({ ...jobs.env, ...FAST_ALERTS_ENV, ...env, LOG_LEVEL: 'silent' });
  const logger = createLogger('silent', 'test');
  const orm = await connectDatabase({ url: jobs.databaseUrl, poolMax: 8 });
  const runtime = createJobsRuntime(config.process, logger, notificationRetryOf(config.domain.alerts));
  const services = await createDomainServices(config.domain, orm, { events: runtime.bus, jobs: runtime.queue, alertJobs: runtime.alertQueues });
  const startWorker = () =>
    startIntegrityWorker({
      queue: runtime.queue.queue,
      transport: runtime.transport,
      schedules: [],
      context: { orm, ...services, runs: services.checkRuns, logger, pace: async () => undefined },
    });
  let integrityWorker: IntegrityWorker | null = await startWorker();
  const alertWorkers: AlertWorkers | null =
    options.alertWorkers === false
      ? null
      : await startAlertWorkersFor(runtime, { orm, ...services }, integrityWorker, { evaluationSeconds: config.domain.alerts.evaluationSeconds, logger });
  const scoped = <T>(work: (s: DomainServices) => Promise<T>) => withEntityManager(orm, () => work(services));
  return {
    jobs,
    sql,
    orm,
    runtime,
    services,
    scoped,
    async check() {
      const run = await scoped((s) => s.checkRuns.requestCheck('MANUAL'));
      await waitFor(async () => {
        const [row] = await sql<{ state: string }>('select state from check_runs where id = $1', [run.id]);
        return row?.state === 'SUCCEEDED' || row?.state === 'FAILED';
      });
    },
    async stopIntegrityWorker() {
      await integrityWorker?.close();
      integrityWorker = null;
    },
    async startIntegrityWorker() {
      integrityWorker ??= await startWorker();
    },
    async close() {
      await alertWorkers?.close();
      await integrityWorker?.close();
      await runtime.close();
      await orm.close(true);
      await closeSql();
    },
  };
}

/** Breaks (or repairs) the license of the first `count` students: a level the progress does not have. */
export async function desync(sql: Sql, count: number): Promise<void> {
  await sql(`update licenses set current_level = 1, max_achieved_level = 1 where user_id in (select user_id from licenses order by user_id)`);
  if (count > 0) {
    await sql(
      `update licenses set current_level = 3, max_achieved_level = 3 where user_id in (select user_id from licenses order by user_id limit $1)`,
      [count],
    );
  }
}
