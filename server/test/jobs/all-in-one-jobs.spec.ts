import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/app-config';
import { connectDatabase, type Orm } from '../../src/domain/database/database';
import { createLogger } from '../../src/domain/logging/logger';
import { createDomainServices } from '../../src/domain/services';
import { createApiLiveEvents } from '../../src/graphql/subscriptions/api-live-events';
import { createApiServer, type ApiServer } from '../../src/http/api-server';
import { createJobsRuntime, type JobsRuntime } from '../../src/jobs/jobs-runtime';
import { startWorkerFor } from '../../src/jobs/worker-runtime';
import type { IntegrityWorker } from '../../src/jobs/integrity-worker';
import { connectSql, runs, seedSpreadStudents, userWithToken, type Sql } from '../support/sql-fixtures';
import { waitFor } from '../support/wait-for';
import { LiveSubscription } from '../support/live-subscription';
import { apiDependencies } from '../../src/http/api-dependencies';
import { TEST_JWT_SECRET } from '../support/test-app';
import { createTestDatabase } from '../support/test-database';

interface RunEvent {
  checkRunUpdated: { id: string; state: string; progress: number };
}

describe('when API and worker share one process without Redis', () => {
  let sql: Sql;
  let closeSql: () => Promise<void>;
  let orm: Orm;
  let runtime: JobsRuntime;
  let worker: IntegrityWorker;
  let api: ApiServer;
  let port: number;
  let subscription: LiveSubscription<RunEvent> | undefined;

  beforeAll(async () => {
    const databaseUrl = await createTestDatabase();
    ({ sql, close: closeSql } = await connectSql(databaseUrl));
    await seedSpreadStudents(sql, 100, 100_000);
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: databaseUrl, JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'silent' });
    const logger = createLogger('silent', 'test');
    orm = await connectDatabase({ url: databaseUrl, poolMax: 8 });
    runtime = createJobsRuntime(config.process, logger);
    expect(runtime.transport.kind).toBe('postgres');
    const services = await createDomainServices(config.domain, orm, { events: runtime.bus, jobs: runtime.queue });
    worker = await startWorkerFor(
      runtime,
      { orm, runs: services.checkRuns, integrity: services.integrity, repairs: services.repairs, idempotencyRetention: services.idempotencyRetention, auditRetention: services.auditRetention },
      { schedules: config.domain.schedules, logger },
    );
    const live = createApiLiveEvents(runtime.bus, services.health, orm, services.sessions);
    api = await createApiServer({ ...apiDependencies(config, orm, services), logger, pubSub: live.pubSub });
    port = await api.listen(0, '127.0.0.1');
    // The check's scheduler fires at boot (auto-sync's waits an interval): start from a quiet queue.
    await waitFor(async () => {
      const all = await runs(sql);
      return all.length >= 1 && all.every((r) => r.finished_at !== null);
    }, 30_000);
  });

  afterAll(async () => {
    await subscription?.dispose();
    await api?.close();
    await worker?.close();
    await runtime?.close();
    await orm?.close(true);
    await closeSql?.();
  });

  it('queues checks on BullMQ’s PostgreSQL backend and pushes their lifecycle over graphql-ws', async () => {
    const admin = await userWithToken(sql, 'ADMIN');
    subscription = new LiveSubscription<RunEvent>(`ws://127.0.0.1:${port}/graphql`, 'subscription { checkRunUpdated { id state progress } }', `Bearer ${admin.token}`);
    await subscription.waitFor(() => true); // the current state comes first

    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.token}` },
      body: JSON.stringify({ query: 'mutation { a: runHealthCheck { id state } }' }),
    });
    const { data } = (await response.json()) as { data: { a: { id: string; state: string } } };
    expect(data.a.state).toBe('QUEUED');
    await subscription.waitFor((d) => d.checkRunUpdated.id === data.a.id && d.checkRunUpdated.state === 'SUCCEEDED');
    const states = subscription.received.map((r) => r.data.checkRunUpdated).filter((r) => r.id === data.a.id).map((r) => r.state);
    expect(states[0]).toBe('QUEUED');
    expect(states).toContain('RUNNING');
    expect(states.at(-1)).toBe('SUCCEEDED');
    expect(await runtime.queue.nextScheduledAt()).toBeInstanceOf(Date);
  });
});
