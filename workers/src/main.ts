import 'reflect-metadata';
import { z } from 'zod';
import { ConfigError, loadConfig } from '../../server/src/config/app-config';
import { connectDatabase, migrateDatabase } from '../../server/src/domain/database/database';
import { createLogger } from '../../server/src/domain/logging/logger';
import { LiveDetector } from '../../server/src/domain/live/live-detector';
import { createDomainServices } from '../../server/src/domain/services';
import { ProcessSampler } from '../../server/src/domain/alerts/process-sampler';
import { notificationRetryOf } from '../../server/src/jobs/alerts/alert-queues';
import { startAlertWorkersFor } from '../../server/src/jobs/alerts/alerts-runtime';
import { createJobsRuntime } from '../../server/src/jobs/jobs-runtime';
import { startWorkerFor } from '../../server/src/jobs/worker-runtime';
import { releaseStartupMemory } from '../../server/src/ops/startup-memory';

/** Settings of this process only, on top of the shared configuration. */
const workerEnv = z.object({
  WORKER_NAME: z.string().trim().max(64).optional(),
  // Test hook: a pause after each progress step, to make a check deterministically long.
  WORKER_STEP_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(0),
});

/** The workers process: consumes the integrity queue; results go to PostgreSQL, then to Redis pub/sub. */
async function main(): Promise<void> {
  const config = loadConfig();
  const proc = config.process;
  const env = workerEnv.parse(process.env);
  const logger = createLogger(proc.logLevel, 'levelsync-workers');
  if (!proc.databaseUrl) throw new ConfigError('DATABASE_URL is required for the workers process');
  if (!proc.redisUrl) throw new ConfigError('REDIS_URL is required for the workers process (BullMQ and pub/sub run on Redis)');

  const orm = await connectDatabase({ url: proc.databaseUrl, poolMax: proc.databasePoolMax });
  await migrateDatabase(orm, proc.databaseUrl);
  // The runtime's producer queue also answers nextScheduledAt in the health this process publishes.
  const runtime = createJobsRuntime(proc, logger, notificationRetryOf(config.domain.alerts));
  const services = await createDomainServices(config.domain, orm, { events: runtime.bus, jobs: runtime.queue, alertJobs: runtime.alertQueues, logger });
  const integrityWorker = await startWorkerFor(
    runtime,
    { orm, runs: services.checkRuns, integrity: services.integrity, repairs: services.repairs, idempotencyRetention: services.idempotencyRetention, auditRetention: services.auditRetention },
    { schedules: config.domain.schedules, logger, name: env.WORKER_NAME, stepDelayMs: env.WORKER_STEP_DELAY_MS },
  );
  const alertWorkers = await startAlertWorkersFor(runtime, { orm, ...services }, integrityWorker, {
    evaluationSeconds: config.domain.alerts.evaluationSeconds,
    logger: logger.child({ component: 'alerts' }),
    name: env.WORKER_NAME,
  });
  const sampler = new ProcessSampler(orm, 'WORKER', logger);
  sampler.start();
  // Every worker runs a detector: one is the live incremental checker, the others stand by.
  const detector = new LiveDetector(orm, services.liveChecks, logger.child({ component: 'live-detection' }), { databaseUrl: proc.databaseUrl });
  detector.start();
  integrityWorker.worker.on('active', (job) => logger.info({ jobId: job.id, name: job.name }, 'job started'));
  integrityWorker.worker.on('completed', (job) => logger.info({ jobId: job.id, name: job.name }, 'job completed'));
  logger.debug(releaseStartupMemory(), 'start-up memory released');
  logger.info({ pid: process.pid, name: env.WORKER_NAME }, 'workers ready');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'finishing the active job, then exiting');
    await Promise.all([integrityWorker.close(), alertWorkers.close(), detector.stop(), sampler.stop()]);
    await runtime.close();
    await orm.close();
    logger.info('workers stopped');
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`levelsync-workers: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
