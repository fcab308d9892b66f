import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort } from '../../src/standalone/free-port';
import { LiveSubscription } from '../support/live-subscription';
import { startStandaloneProcess, type StandaloneProcess } from '../support/standalone-process';

const ADMIN = 'admin@levelsync.local';
const postgresRunning = (dataDir: string) => existsSync(join(dataDir, 'postgres', 'postmaster.pid'));

describe('npm start with nothing configured', () => {
  let dataDir: string;
  let port: number;
  let first: StandaloneProcess;
  let password: string;
  let token: string;
  // No configuration but the port and where the data lives (a fresh, empty directory).
  const start = () => startStandaloneProcess(port, { DATA_DIR: dataDir });

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'levelsync-zero-install-'));
    port = await findFreePort();
    first = start();
    await first.ready();
    password = readFileSync(join(dataDir, 'admin-password'), 'utf8').trim();
    token = await first.login(ADMIN, password);
  });
  afterAll(async () => {
    await first?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints the admin credentials and the demo data it generated', () => {
    expect(first.stdout()).toContain(`password: ${password}`);
    expect(first.stdout()).toMatch(/demo data: 3000 students, [1-9]\d* desynced pairs/);
  });

  it('serves the API, the dashboard and the probes on one port', async () => {
    const readyz = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(await readyz.json()).toEqual({ status: 'ready', checks: { postgres: 'ok', queue: 'ok' } });
    const page = await fetch(`http://127.0.0.1:${port}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    expect(await (await fetch(`http://127.0.0.1:${port}/metrics`)).text()).toContain('levelsync_open_violations{type="LEVEL_MISMATCH"}');
  });

  it('runs a check on the PostgreSQL queue backend and pushes its progress to a subscriber', async () => {
    const subscription = new LiveSubscription<{ checkRunUpdated: { id: string; state: string; inconsistent: number | null } }>(
      `ws://127.0.0.1:${port}/graphql`,
      'subscription { checkRunUpdated { id state inconsistent } }',
      `Bearer ${token}`,
    );
    try {
      const { runHealthCheck } = await first.gql<{ runHealthCheck: { id: string } }>('mutation { runHealthCheck { id } }', {}, token);
      const done = await subscription.waitFor((d) => d.checkRunUpdated.id === runHealthCheck.id && d.checkRunUpdated.state === 'SUCCEEDED', 60_000);
      expect(done.data.checkRunUpdated.inconsistent).not.toBeNull();
      const { healthStatus } = await first.gql<{ healthStatus: { state: string } }>('{ healthStatus { state } }', {}, token);
      expect(healthStatus.state).not.toBe('UNKNOWN');
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      expect(metrics).toMatch(/levelsync_check_duration_seconds_count\{trigger="MANUAL",outcome="succeeded"\} [1-9]/);
      expect(metrics).toMatch(/levelsync_event_delivery_latency_seconds_count\{topic="CHECK_RUN_UPDATED"\} [1-9]/);
      const jobLines = first.stdout().split('\n').filter((line) => line.includes('"msg":"job completed"'));
      expect(jobLines.some((line) => /"jobId":"[^"]+"/.test(line))).toBe(true);
    } finally {
      await subscription.dispose();
    }
  });

  it('stops everything on SIGTERM, PostgreSQL included', async () => {
    expect(await first.stop()).toBe(0);
    expect(postgresRunning(dataDir)).toBe(false);
  });

  describe('when started again on the same data directory', () => {
    it('keeps the data and the admin password', async () => {
      const second = start();
      try {
        await second.ready();
        expect(second.stdout()).toContain('kept from the previous start');
        const again = await second.login(ADMIN, password);
        const { healthMetrics } = await second.gql<{ healthMetrics: { pairsChecked: number } }>('{ healthMetrics { pairsChecked } }', {}, again);
        expect(healthMetrics.pairsChecked).toBeGreaterThan(3000);
      } finally {
        expect(await second.stop()).toBe(0);
      }
    });
  });

  describe('when the port is taken', () => {
    let blocker: Server;
    beforeAll(async () => {
      blocker = createServer();
      await new Promise<void>((r) => blocker.listen(port, '0.0.0.0', () => r()));
    });
    afterAll(() => new Promise<void>((r) => blocker.close(() => r())));

    it('fails with one clear line, no stack, and leaves nothing running', async () => {
      const clash = start();
      expect(await clash.exited).toBe(1);
      expect(clash.stderr().trim()).toBe(`levelsync: port ${port} is already in use: stop the other process or start with PORT=<another port>`);
      expect(postgresRunning(dataDir)).toBe(false);
    });
  });
});
