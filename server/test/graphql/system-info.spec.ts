import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStudent, startTestApp, type TestApp } from '../support/test-app';

const SYSTEM_INFO = '{ systemInfo { version uptimeSeconds workersOnline queueDepth lastCheckAt nextScheduledAt } }';

interface SystemInfo {
  version: string;
  uptimeSeconds: number;
  workersOnline: number | null;
  queueDepth: number | null;
  lastCheckAt: string | null;
  nextScheduledAt: string | null;
}

describe('systemInfo', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('tells an admin the release, the uptime and what the job queue knows', async () => {
    const { body } = await app.gql<{ systemInfo: SystemInfo }>(SYSTEM_INFO, {}, await app.adminToken());
    expect(body.errors).toBeUndefined();
    const info = body.data!.systemInfo;
    expect(info.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(info.uptimeSeconds).toBeGreaterThanOrEqual(0);
    // This app has no queue attached: the port answers empty rather than failing the query.
    expect(info).toMatchObject({ workersOnline: 0, queueDepth: 0, nextScheduledAt: null, lastCheckAt: null });
  });

  it('reports when the latest run finished', async () => {
    await app.sql(`insert into check_runs (trigger, state, progress, started_at, finished_at) values ('MANUAL', 'FAILED', 0, now(), '2026-01-02T03:04:05Z')`);
    app.services.health.invalidate();
    const { body } = await app.gql<{ systemInfo: SystemInfo }>(SYSTEM_INFO, {}, await app.adminToken());
    expect(body.data!.systemInfo.lastCheckAt).toBe('2026-01-02T03:04:05.000Z');
  });

  it('is for admins only', async () => {
    const student = await createStudent(app);
    const { body } = await app.gql(SYSTEM_INFO, {}, student.token);
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await app.gql(SYSTEM_INFO);
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
