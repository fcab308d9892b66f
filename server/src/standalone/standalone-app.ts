import { PasswordHasher } from '../domain/auth/password-hasher';
import type { AppConfig } from '../config/app-config';
import { connectDatabase, migrateDatabase, type Orm } from '../domain/database/database';
import { withEntityManager } from '../domain/database/entity-manager-scope';
import { query } from '../domain/database/sql';
import type { Logger } from '../domain/logging/logger';
import { DemoDataService, type SeedResult } from '../domain/seeding/demo-data.service';
import { LiveDetector } from '../domain/live/live-detector';
import { createDomainServices } from '../domain/services';
import { createApiLiveEvents } from '../graphql/subscriptions/api-live-events';
import { apiDependencies } from '../http/api-dependencies';
import { createApiServer } from '../http/api-server';
import { jobsReadiness } from '../http/readiness';
import { observeCheckRuns } from '../observability/check-run-metrics';
import { createJobsRuntime } from '../jobs/jobs-runtime';
import { startWorkerFor } from '../jobs/worker-runtime';
import { ProcessSampler } from '../domain/alerts/process-sampler';
import { notificationRetryOf } from '../jobs/alerts/alert-queues';
import { startAlertWorkersFor } from '../jobs/alerts/alerts-runtime';
import { resolveAdminCredentials, type AdminCredentials } from './admin-credentials';
import { ensureDashboardBuilt } from './dashboard-build';
import { assertPortFree } from './port-check';
import type { StandaloneConfig } from './standalone-config';
import { openStandaloneDatabase } from './standalone-database';
import { releaseStartupMemory } from '../ops/startup-memory';

const DEMO_DESYNC_RATE = 0.03;

export interface StandaloneApp {
  readonly port: number;
  readonly admin: AdminCredentials;
  /** Set on the start that generated demo data (the first one). */
  readonly seeded: SeedResult | undefined;
  /** The embedded cluster's directory (null with DATABASE_URL, or when another process runs it). */
  readonly embeddedDatabase: string | null;
  readonly queueBackend: 'redis' | 'postgres';
  readonly dashboard: boolean;
  /** Drains HTTP, lets the active job finish, then closes queues, pools and the database. */
  close(): Promise<void>;
}

/**
 * The all-in-one composition (`npm start`): PostgreSQL (DATABASE_URL or embedded under DATA_DIR),
 * migrations, demo data on a fresh database, the API with the dashboard, and a worker in this
 * process. Jobs and events go through Redis with REDIS_URL, else BullMQ's PostgreSQL backend and
 * an in-process bus. Whatever fails half-way, what was started is stopped again.
 */
export async function startStandalone(config: AppConfig, logger: Logger, repoRoot: string): Promise<StandaloneApp> {
  const closers: Array<{ name: string; close: () => Promise<unknown> }> = [];
  const close = async () => {
    for (const { name, close: stop } of closers.splice(0).reverse()) {
      const started = Date.now();
      await stop().then(
        () => logger.debug({ part: name, ms: Date.now() - started }, 'stopped'),
        (error: Error) => logger.warn({ part: name, err: error.message }, 'could not stop cleanly'),
      );
    }
  };
  const { process: proc, standalone } = config;
  try {
    await assertPortFree(config.http.port);
    // The first start on a fresh clone builds the dashboard while PostgreSQL boots.
    const dashboardDir = ensureDashboardBuilt(repoRoot, logger);
    const db = proc.databaseUrl
      ? { url: proc.databaseUrl, owned: false, close: async () => undefined }
      : await openStandaloneDatabase(standalone.dataDir, (line) => logger.debug({ postgres: line }, 'embedded postgres'));
    closers.push({ name: 'postgres', close: db.close });
    const orm = await connectDatabase({ url: db.url, poolMax: proc.databasePoolMax });
    closers.push({ name: 'database pool', close: () => orm.close() });
    await migrateDatabase(orm, db.url);
    const seeded = await seedFreshDatabase(orm, standalone, logger);

    const runtime = createJobsRuntime({ ...proc, databaseUrl: db.url }, logger, notificationRetryOf(config.domain.alerts));
    closers.push({ name: 'queue and events', close: () => runtime.close() });
    const services = await createDomainServices(config.domain, orm, { events: runtime.bus, jobs: runtime.queue, alertJobs: runtime.alertQueues, logger });
    const admin = resolveAdminCredentials(standalone.dataDir, standalone.admin.email, standalone.admin.password);
    await withEntityManager(orm, () => services.users.ensureAdmin(admin.email, admin.password));

    const worker = await startWorkerFor(
      runtime,
      { orm, runs: services.checkRuns, integrity: services.integrity, repairs: services.repairs, idempotencyRetention: services.idempotencyRetention, auditRetention: services.auditRetention },
      { schedules: config.domain.schedules, logger: logger.child({ component: 'worker' }), name: 'all-in-one' },
    );
    closers.push({ name: 'worker', close: () => worker.close() });
    const alertWorkers = await startAlertWorkersFor(runtime, { orm, ...services }, worker, {
      evaluationSeconds: config.domain.alerts.evaluationSeconds,
      logger: logger.child({ component: 'alerts' }),
      name: 'all-in-one',
    });
    closers.push({ name: 'alert workers', close: () => alertWorkers.close() });
    const sampler = new ProcessSampler(orm, 'API', logger);
    sampler.start();
    closers.push({ name: 'process samples', close: () => sampler.stop() });
    const detector = new LiveDetector(orm, services.liveChecks, logger.child({ component: 'live-detection' }), { databaseUrl: db.url });
    detector.start();
    closers.push({ name: 'live detection', close: () => detector.stop() });
    // Every line about a job carries its id (the processors' own lines do too).
    worker.worker.on('active', (job) => logger.info({ jobId: job.id, job: job.name }, 'job started'));
    worker.worker.on('completed', (job) => logger.info({ jobId: job.id, job: job.name }, 'job completed'));
    const live = createApiLiveEvents(runtime.bus, services.health, orm, services.sessions);
    closers.push({ name: 'live events', close: async () => live.stop() });
    await runtime.bus.ready();

    const stopObserving = observeCheckRuns(runtime.bus);
    closers.push({ name: 'check metrics', close: async () => stopObserving() });
    const dashboard = await dashboardDir;
    const api = await createApiServer({
      ...apiDependencies(config, orm, services),
      logger,
      pubSub: live.pubSub,
      readiness: jobsReadiness(runtime),
      dashboardDir: dashboard,
      signals: sampler,
    });
    closers.push({ name: 'api', close: () => api.close() });
    logger.debug(releaseStartupMemory(), 'start-up memory released');
    const port = await api.listen(config.http.port);
    // Give a fresh dashboard a health state right away instead of at the first scheduled check.
    if (seeded) await withEntityManager(orm, () => services.checkRuns.requestCheck('MANUAL'));

    return {
      port,
      admin,
      seeded,
      embeddedDatabase: proc.databaseUrl ? null : (db.clusterDir ?? standalone.dataDir),
      queueBackend: runtime.transport.kind,
      dashboard: dashboard !== undefined,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Demo students go only into a database without any user: a real deployment is never touched. */
async function seedFreshDatabase(orm: Orm, config: StandaloneConfig, logger: Logger): Promise<SeedResult | undefined> {
  const em = orm.em.fork();
  const [row] = await query<{ empty: boolean }>(em, 'select not exists (select 1 from users) as empty');
  if (!row?.empty || config.demoStudents === 0) return undefined;
  logger.info({ students: config.demoStudents, desyncRate: DEMO_DESYNC_RATE }, 'generating demo data (first start only)');
  return new DemoDataService(em, new PasswordHasher()).seed({ students: config.demoStudents, desyncRate: DEMO_DESYNC_RATE });
}
