import 'reflect-metadata';
import { resolve } from 'node:path';
import { ConfigError, loadConfig } from './config/app-config';
import { connectDatabase, migrateDatabase } from './domain/database/database';
import { withEntityManager } from './domain/database/entity-manager-scope';
import { createLogger } from './domain/logging/logger';
import { createDomainServices } from './domain/services';
import { createApiLiveEvents } from './graphql/subscriptions/api-live-events';
import { apiDependencies } from './http/api-dependencies';
import { createApiServer } from './http/api-server';
import { jobsReadiness } from './http/readiness';
import { observeCheckRuns } from './observability/check-run-metrics';
import { notificationRetryOf } from './jobs/alerts/alert-queues';
import { AlertWatchdog } from './jobs/alerts/alert-watchdog';
import { startNotificationWorker } from './jobs/alerts/alert-workers';
import { createJobsRuntime } from './jobs/jobs-runtime';
import { ProcessSampler } from './domain/alerts/process-sampler';
import { releaseStartupMemory } from './ops/startup-memory';

/** The API process: GraphQL over HTTP and WebSocket, health endpoints; queues jobs, relays their events. */
async function main(): Promise<void> {
  const config = loadConfig();
  const { process: proc } = config;
  const logger = createLogger(proc.logLevel, 'levelsync-api');
  if (!proc.databaseUrl) throw new ConfigError('DATABASE_URL is required for the API process (use `npm start` for the all-in-one mode)');
  if (!proc.redisUrl) {
    throw new ConfigError('REDIS_URL is required for the API process: jobs and live events go through Redis (use `npm start` for the all-in-one mode)');
  }
  const orm = await connectDatabase({ url: proc.databaseUrl, poolMax: proc.databasePoolMax });
  await migrateDatabase(orm, proc.databaseUrl);
  const runtime = createJobsRuntime(proc, logger, notificationRetryOf(config.domain.alerts));
  const services = await createDomainServices(config.domain, orm, { events: runtime.bus, jobs: runtime.queue, alertJobs: runtime.alertQueues, logger });
  const sampler = new ProcessSampler(orm, 'API', logger);
  sampler.start();
  // Deliveries go out from the API replicas too, and they evaluate when no worker does: "no workers online" must still be told.
  const notifications = await startNotificationWorker({ transport: runtime.transport, orm, deliveries: services.notificationDeliveries, logger });
  const watchdog = new AlertWatchdog(orm, services.alertEvaluator, config.domain.alerts.evaluationSeconds, logger.child({ component: 'alerts' }));
  watchdog.start();
  const admin = config.standalone.admin;
  if (admin.password) await withEntityManager(orm, () => services.users.ensureAdmin(admin.email, admin.password!));
  const live = createApiLiveEvents(runtime.bus, services.health, orm, services.sessions);
  await runtime.bus.ready();
  const stopObserving = observeCheckRuns(runtime.bus);
  // The built dashboard, when present (the app image has it; the compose web entry serves it too).
  const dashboardDir = resolve(__dirname, '../../web/dist');
  const api = await createApiServer({
    ...apiDependencies(config, orm, services),
    logger,
    pubSub: live.pubSub,
    readiness: jobsReadiness(runtime),
    dashboardDir,
    signals: sampler,
  });
  logger.debug(releaseStartupMemory(), 'start-up memory released');
  const port = await api.listen(config.http.port);
  logger.info({ port }, 'API listening');

  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    await api.close();
    await watchdog.stop();
    await notifications.close();
    await sampler.stop();
    live.stop();
    stopObserving();
    await runtime.close();
    await orm.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`levelsync-api: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
