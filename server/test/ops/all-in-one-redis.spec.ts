import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { findFreePort } from '../../src/standalone/free-port';
import { LiveSubscription } from '../support/live-subscription';
import { startStandaloneProcess, type StandaloneProcess } from '../support/standalone-process';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';
import { createTestDatabase } from '../support/test-database';

const ADMIN_PASSWORD = 'Quartz-Lantern-9284-Orbit';

describe('npm start with DATABASE_URL and REDIS_URL', () => {
  let redis: TcpProxy;
  let app: StandaloneProcess;
  let token: string;

  beforeAll(async () => {
    const redisUrl = new URL(inject('redisUrl'));
    // Redis behind a relay this test can cut, to see /readyz fail and recover.
    redis = await startTcpProxy({ host: redisUrl.hostname, port: Number(redisUrl.port || 6379) });
    app = startStandaloneProcess(await findFreePort(), {
      DATABASE_URL: await createTestDatabase(),
      REDIS_URL: `redis://127.0.0.1:${redis.port}`,
      REDIS_KEY_PREFIX: `aio-${inject('runId')}`,
      ADMIN_PASSWORD,
      DEMO_STUDENTS: '500',
    });
    await app.ready();
    token = await app.login('admin@levelsync.local', ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await app?.stop();
    await redis?.close();
  });

  it('uses them instead of the embedded database and the PostgreSQL queue', async () => {
    expect(app.stdout()).toContain('database:  DATABASE_URL; jobs: BullMQ on Redis (REDIS_URL)');
    expect(app.stdout()).toContain('(from ADMIN_PASSWORD)');
    const readyz = await fetch(`http://127.0.0.1:${app.port}/readyz`);
    expect(await readyz.json()).toEqual({ status: 'ready', checks: { postgres: 'ok', redis: 'ok' } });
  });

  it('runs a check through the Redis queue and pushes it over Redis pub/sub', async () => {
    const subscription = new LiveSubscription<{ checkRunUpdated: { id: string; state: string } }>(
      `ws://127.0.0.1:${app.port}/graphql`,
      'subscription { checkRunUpdated { id state } }',
      `Bearer ${token}`,
    );
    try {
      const { runHealthCheck } = await app.gql<{ runHealthCheck: { id: string } }>('mutation { runHealthCheck { id } }', {}, token);
      await subscription.waitFor((d) => d.checkRunUpdated.id === runHealthCheck.id && d.checkRunUpdated.state === 'SUCCEEDED', 60_000);
    } finally {
      await subscription.dispose();
    }
  });

  describe('when Redis becomes unreachable', () => {
    it('turns /readyz 503 naming Redis, and recovers when it is back', async () => {
      await redis.cut();
      try {
        await expect
          .poll(async () => {
            const response = await fetch(`http://127.0.0.1:${app.port}/readyz`);
            return { status: response.status, body: await response.json() };
          }, { timeout: 10_000, interval: 250 })
          .toEqual({ status: 503, body: { status: 'unavailable', checks: { postgres: 'ok', redis: 'unreachable' } } });
        expect((await fetch(`http://127.0.0.1:${app.port}/healthz`)).status).toBe(200);
      } finally {
        await redis.restore();
      }
      await expect.poll(async () => (await fetch(`http://127.0.0.1:${app.port}/readyz`)).status, { timeout: 20_000, interval: 250 }).toBe(200);
    });
  });

  describe('on SIGTERM with requests and a subscription in flight', () => {
    it('finishes every started request, closes the subscription for a reconnect elsewhere, and exits 0', async () => {
      const subscription = new LiveSubscription<{ checkRunUpdated: { id: string } }>(
        `ws://127.0.0.1:${app.port}/graphql`,
        'subscription { checkRunUpdated { id } }',
        `Bearer ${token}`,
      );
      await subscription.waitFor(() => true); // the current state arrives first: the subscription is live
      // Requests whose headers are in but whose bodies are still arriving: in flight, by construction.
      const inFlight = Array.from({ length: 20 }, () => startRequest(app.port, token, '{ healthMetrics { openViolations } }'));
      await Promise.all(inFlight.map((r) => r.sent));
      // Accepted and begun by the server (not just queued in the kernel's backlog); +1 is this scrape.
      await expect.poll(async () => inFlightOnServer(app.port), { timeout: 10_000, interval: 50 }).toBeGreaterThanOrEqual(21);
      app.child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 300));
      for (const request of inFlight) request.finish();
      const statuses = await Promise.all(inFlight.map((r) => r.status));
      expect(statuses).toEqual(Array(20).fill(200));
      expect(await subscription.waitForClose()).toBe(1001);
      expect(await app.exited).toBe(0);
      await subscription.dispose();
    });
  });
});

/** A POST whose headers and first half of the body go out now, and the rest on `finish()`. */
function startRequest(port: number, token: string, query: string) {
  const body = JSON.stringify({ query });
  const half = Math.floor(body.length / 2);
  let settle: (status: number) => void = () => undefined;
  const status = new Promise<number>((resolve) => (settle = resolve));
  const req = request({
    port,
    host: '127.0.0.1',
    method: 'POST',
    path: '/graphql',
    agent: false,
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${token}` },
  });
  req.on('response', (res) => {
    res.resume();
    res.on('end', () => settle(res.statusCode ?? 0));
  });
  req.on('error', () => settle(-1));
  const sent = new Promise<void>((resolve) => req.write(body.slice(0, half), () => resolve()));
  return { sent, status, finish: () => req.end(body.slice(half)) };
}

async function inFlightOnServer(port: number): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  return Number(/^levelsync_http_requests_in_flight (\d+)/m.exec(text)?.[1] ?? 0);
}
