import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import { loadConfig, type AppConfig } from '../../../server/src/config/app-config';
import { connectDatabase, type Orm } from '../../../server/src/domain/database/database';
import { withEntityManager } from '../../../server/src/domain/database/entity-manager-scope';
import { query } from '../../../server/src/domain/database/sql';
import { createLogger } from '../../../server/src/domain/logging/logger';
import { createDomainServices, type DomainServices } from '../../../server/src/domain/services';
import { createApiLiveEvents } from '../../../server/src/graphql/subscriptions/api-live-events';
import { createApiServer } from '../../../server/src/http/api-server';
import { notificationRetryOf } from '../../../server/src/jobs/alerts/alert-queues';
import { createJobsRuntime } from '../../../server/src/jobs/jobs-runtime';
import { ProcessSampler } from '../../../server/src/domain/alerts/process-sampler';
import { apiDependencies } from '../../../server/src/http/api-dependencies';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../../../server/test/support/test-app';
import { inUnitsOfWork } from '../../../server/test/support/units-of-work';
import { createJobsEnvironment, startWorkerProcess, type ChildNode } from '../../../server/test/support/job-processes';

const viteConfig = path.resolve(__dirname, '../../vite.config.mts');

export { ADMIN_EMAIL, ADMIN_PASSWORD };

export interface LiveStack {
  /** The API origin; it serves the built dashboard at `/` under the API's own security headers (CSP). */
  readonly url: string;
  readonly config: AppConfig;
  readonly orm: Orm;
  /** Each method call is a unit of work of its own (an EntityManager fork), as a GraphQL operation is in the app. */
  readonly services: DomainServices;
  readonly worker: ChildNode;
  sql<T = Record<string, unknown>>(text: string, bindings?: unknown[]): Promise<T[]>;
  gql<T>(text: string, variables?: Record<string, unknown>): Promise<{ data?: T; errors?: Array<{ message: string }> }>;
  close(): Promise<void>;
}

/** Builds the dashboard into a private directory (test files run in parallel, so never web/dist). */
async function buildDashboard(): Promise<string> {
  const outDir = await mkdtemp(path.join(tmpdir(), 'levelsync-web-'));
  await build({ configFile: viteConfig, logLevel: 'error', build: { outDir, emptyOutDir: true, sourcemap: false } });
  return outDir;
}

/**
 * The whole product for browser tests: PostgreSQL and Redis from the test harness, the API composed
 * exactly as server/src/main.ts does (in this process, so it can serve a fresh dashboard build), and
 * a real worker process (workers/src/main.ts) consuming the same queue. `apiEnv` overrides the API's
 * environment; a key set to undefined takes the product's default (e.g. a rate limit the harness raises).
 */
export async function startLiveStack(workerEnv: Record<string, string> = {}, apiEnv: Record<string, string | undefined> = {}): Promise<LiveStack> {
  const jobs = await createJobsEnvironment();
  const [dashboardDir, worker] = await Promise.all([buildDashboard(), startWorkerProcess(jobs, workerEnv, 'e2e-worker')]);

  const config = loadConfig({
    ...jobs.env,
    ADMIN_EMAIL,
    ADMIN_PASSWORD,
    LOG_LEVEL: 'silent',
    RATE_LIMIT_LOGIN_PER_MINUTE: '1000000',
    RATE_LIMIT_LOGIN_IP_PER_MINUTE: '1000000',
    ...apiEnv,
  });
  const logger = createLogger('silent', 'e2e-api');
  const orm = await connectDatabase({ url: jobs.databaseUrl, poolMax: 10 });
  const runtime = createJobsRuntime(config.process, logger, notificationRetryOf(config.domain.alerts));
  const services = await createDomainServices(config.domain, orm, { events: runtime.bus, jobs: runtime.queue, alertJobs: runtime.alertQueues });
  // The API's request signals and memory, for the alert rules that read them (as server/src/main.ts does).
  const sampler = new ProcessSampler(orm, 'API', logger);
  sampler.start();
  await withEntityManager(orm, () => services.users.ensureAdmin(ADMIN_EMAIL, ADMIN_PASSWORD));
  const live = createApiLiveEvents(runtime.bus, services.health, orm, services.sessions);
  await runtime.bus.ready();
  const api = await createApiServer({ ...apiDependencies(config, orm, services), logger, pubSub: live.pubSub, dashboardDir, signals: sampler });
  const port = await api.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}`;
  // The test's own statements, on a fork of their own (outside any unit of work of the API).
  const em = orm.em.fork();
  // The services as the test calls them: each call a unit of work of its own, as in the app.
  const scoped = inUnitsOfWork(orm, services);
  let adminToken: string | undefined;

  return {
    url,
    config,
    orm,
    services: scoped,
    worker,
    sql: (text, bindings = []) => query(em, text, bindings),
    async gql(text, variables) {
      adminToken ??= (await scoped.auth.login(ADMIN_EMAIL, ADMIN_PASSWORD)).accessToken;
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
        body: JSON.stringify({ query: text, variables }),
      });
      return (await response.json()) as never;
    },
    async close() {
      await worker.stop();
      await api.close();
      await sampler.stop();
      live.stop();
      await runtime.close();
      await orm.close(true);
      await rm(dashboardDir, { recursive: true, force: true });
    },
  };
}
