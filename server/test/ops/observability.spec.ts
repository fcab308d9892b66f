import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/app-config';
import { connectDatabase, type Orm } from '../../src/domain/database/database';
import { withEntityManager } from '../../src/domain/database/entity-manager-scope';
import { createLogger } from '../../src/domain/logging/logger';
import { createDomainServices } from '../../src/domain/services';
import { createApiServer, type ApiServer } from '../../src/http/api-server';
import { apiDependencies } from '../../src/http/api-dependencies';
import { ADMIN_EMAIL, ADMIN_PASSWORD, TEST_JWT_SECRET } from '../support/test-app';
import { createTestDatabase } from '../support/test-database';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';

const LOGIN = `mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken } }`;

describe('observability of the API process', () => {
  const lines: Array<Record<string, unknown>> = [];
  const rawLog: string[] = [];
  let proxy: TcpProxy;
  let orm: Orm;
  let api: ApiServer;
  let base: string;

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  beforeAll(async () => {
    const databaseUrl = new URL(await createTestDatabase());
    // PostgreSQL behind a relay this test can cut, to see /readyz fail and recover.
    proxy = await startTcpProxy({ host: databaseUrl.hostname, port: Number(databaseUrl.port || 5432) });
    databaseUrl.host = `127.0.0.1:${proxy.port}`;
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: databaseUrl.toString(), JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'info' });
    orm = await connectDatabase({ url: config.process.databaseUrl!, poolMax: 4 });
    const services = await createDomainServices(config.domain, orm);
    await withEntityManager(orm, () => services.users.ensureAdmin(ADMIN_EMAIL, ADMIN_PASSWORD));
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
          rawLog.push(line);
          lines.push(JSON.parse(line) as Record<string, unknown>);
        }
        done();
      },
    });
    api = await createApiServer({ ...apiDependencies(config, orm, services), logger: createLogger('debug', 'levelsync-api', sink) });
    base = `http://127.0.0.1:${await api.listen(0, '127.0.0.1')}`;
  });
  afterAll(async () => {
    await api?.close();
    await orm?.close(true);
    await proxy?.close();
  });

  describe('request ids', () => {
    it('returns the caller’s x-request-id and carries it on the request’s log line', async () => {
      const response = await post({ query: '{ __typename }' }, { 'x-request-id': 'trace-abc-123' });
      expect(response.headers.get('x-request-id')).toBe('trace-abc-123');
      await response.text();
      await expect.poll(() => lines.find((l) => l.requestId === 'trace-abc-123' && l.msg === 'request completed')).toMatchObject({
        method: 'POST',
        path: '/graphql',
        status: 200,
      });
    });

    it('replaces an id that could forge log lines with a generated one', async () => {
      const response = await post({ query: '{ __typename }' }, { 'x-request-id': 'evil id {"level":60}' });
      const id = response.headers.get('x-request-id');
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      await response.text();
      await expect.poll(() => lines.some((l) => l.requestId === id)).toBe(true);
    });
  });

  it('never writes a password or a token to the log', async () => {
    const response = await post({ query: LOGIN, variables: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD }, operationName: 'Login' });
    const { data } = (await response.json()) as { data: { login: { accessToken: string } } };
    const token = data.login.accessToken;
    await (await post({ query: '{ me { id } }' }, { authorization: `Bearer ${token}` })).text();
    await post({ query: LOGIN, variables: { email: ADMIN_EMAIL, password: 'wrong-password-123' } }).then((r) => r.text());
    await expect.poll(() => lines.filter((l) => l.msg === 'request completed').length).toBeGreaterThanOrEqual(5);
    const everything = rawLog.join('\n');
    expect(everything).not.toContain(ADMIN_PASSWORD);
    expect(everything).not.toContain('wrong-password-123');
    expect(everything).not.toContain(token);
  });

  describe('/metrics', () => {
    it('exposes the named series, with operation names and error codes as labels', async () => {
      await post({ query: 'query Me { me { id } }', operationName: 'Me' }).then((r) => r.text());
      const text = await (await fetch(`${base}/metrics`)).text();
      for (const name of [
        'levelsync_http_request_duration_seconds',
        'levelsync_http_requests_in_flight',
        'levelsync_graphql_operation_duration_seconds',
        'levelsync_graphql_errors_total',
        'levelsync_check_duration_seconds',
        'levelsync_last_check_duration_seconds',
        'levelsync_consistency_rate',
        'levelsync_open_violations',
        'levelsync_queue_depth',
        'levelsync_websocket_connections',
        'levelsync_event_delivery_latency_seconds',
      ]) {
        expect(text).toContain(`# TYPE ${name} `);
      }
      expect(text).toMatch(/levelsync_graphql_operation_duration_seconds_count\{operation="Me",type="query"\} [1-9]/);
      expect(text).toMatch(/levelsync_graphql_errors_total\{code="UNAUTHENTICATED"\} [1-9]/);
      expect(text).toMatch(/levelsync_open_violations\{type="ORPHAN_LICENSE"\} 0/);
      expect(text).toMatch(/levelsync_http_request_duration_seconds_count\{method="POST",route="\/graphql",status="200"\} [1-9]/);
    });

    it('reports the workers online and the size of the database, read at scrape time', async () => {
      const [{ bytes }] = await orm.em.getConnection().execute<Array<{ bytes: string }>>('select pg_database_size(current_database())::text as bytes');
      const text = await (await fetch(`${base}/metrics`)).text();
      // No queue in this process: nobody is connected to it.
      expect(text).toMatch(/^levelsync_workers_online 0$/m);
      const reported = Number(/^levelsync_database_size_bytes (\d+)$/m.exec(text)?.[1]);
      // The database grows between the two reads only by what this test's own requests write.
      expect(reported).toBeGreaterThan(Number(bytes) * 0.9);
      expect(reported).toBeLessThan(Number(bytes) * 1.1);
      // DATABASE_CAPACITY_BYTES unset: no capacity, so no size alert can fire (NaN, never 0).
      expect(text).toMatch(/^levelsync_database_capacity_bytes nan$/im);
    });

    it('serves the series alert rules take increase() of at 0 before their first event', async () => {
      const text = await (await fetch(`${base}/metrics`)).text();
      expect(text).toMatch(/^levelsync_check_duration_seconds_count\{trigger="SCHEDULED",outcome="failed"\} 0$/m);
      expect(text).toMatch(/^levelsync_graphql_errors_total\{code="INTERNAL_SERVER_ERROR"\} 0$/m);
    });

    it('keeps client-chosen operation names from multiplying the series', async () => {
      await post({ query: 'query Bad { __typename }', operationName: 'x'.repeat(300) }).then((r) => r.text());
      const text = await (await fetch(`${base}/metrics`)).text();
      expect(text).not.toContain('x'.repeat(65));
    });
  });

  describe('/healthz and /readyz', () => {
    it('reports ready while PostgreSQL answers', async () => {
      const response = await fetch(`${base}/readyz`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ready', checks: { postgres: 'ok' } });
    });

    it('turns 503 naming PostgreSQL while it is unreachable, stays alive, and recovers', async () => {
      await proxy.cut();
      try {
        const down = await fetch(`${base}/readyz`);
        expect(down.status).toBe(503);
        expect(await down.json()).toEqual({ status: 'unavailable', checks: { postgres: 'unreachable' } });
        expect((await fetch(`${base}/healthz`)).status).toBe(200);
      } finally {
        await proxy.restore();
      }
      await expect.poll(async () => (await fetch(`${base}/readyz`)).status, { timeout: 10_000, interval: 250 }).toBe(200);
    });
  });
});
