import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/app-config';
import { connectDatabase, migrateDatabase, type Orm } from '../../src/domain/database/database';
import { createLogger } from '../../src/domain/logging/logger';
import { LIVE_CHECKER_LOCK } from '../../src/domain/live/live-detection.types';
import { LiveDetector } from '../../src/domain/live/live-detector';
import { createDomainServices } from '../../src/domain/services';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/standalone/embedded-postgres';
import { TEST_JWT_SECRET } from '../support/test-app';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';
import { inUnitsOfWork } from '../support/units-of-work';
import { waitFor } from '../support/wait-for';

const portOf = (url: string) => Number(new URL(url).port);

/**
 * The shared test PostgreSQL cannot be restarted under other test files, so this file brings its
 * own cluster (embedded PostgreSQL), behind a loopback relay that follows it to its new port.
 */
describe('when PostgreSQL restarts with changes waiting', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'levelsync-live-restart-'));
  let db: EmbeddedDatabase;
  let proxy: TcpProxy;
  let url: string;
  let orm: Orm;
  let detector: LiveDetector;

  const once = async <T>(text: string, values: unknown[] = []): Promise<T[]> => {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(text, values)).rows as T[];
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    db = await startEmbeddedPostgres({ dataDir, persistent: true, detached: true });
    proxy = await startTcpProxy({ host: '127.0.0.1', port: portOf(db.adminUrl) });
    const viaProxy = new URL(db.adminUrl);
    viaProxy.port = String(proxy.port);
    url = viaProxy.toString();
    orm = await connectDatabase({ url, poolMax: 4 });
    await migrateDatabase(orm, url);
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: url, JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'silent' });
    const services = inUnitsOfWork(orm, await createDomainServices(config.domain, orm));
    detector = new LiveDetector(orm, services.liveChecks, createLogger('silent', 'test'), { databaseUrl: url, standbyRetryMs: 200, retryDelayMs: 200 });
  }, 180_000);
  afterAll(async () => {
    await detector?.stop();
    await orm?.close(true);
    await proxy?.close();
    await db?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('checks every change committed before the restart once it is back', async () => {
    // Another session holds the checker lock: the detector stands by, and the changes wait.
    const holder = new Client({ connectionString: url });
    await holder.connect();
    holder.on('error', () => undefined);
    await holder.query('select pg_advisory_lock($1, $2)', [...LIVE_CHECKER_LOCK]);
    detector.start();
    const [student] = await once<{ id: number }>(`insert into users (email, password_hash, full_name, role) values ('r@levelsync.test', 'x', 'R', 'STUDENT') returning id`);
    await once(`insert into specialization_progress (student_id, specialization, total_xp, current_level) values ($1, 'PLAYER', 600, 2)`, [student!.id]);
    await once(`insert into licenses (user_id, specialization) values ($1, 'PLAYER')`, [student!.id]);
    expect((await once<{ n: number }>('select count(*)::int as n from pair_changes'))[0]!.n).toBeGreaterThan(0);

    await db.stop(); // a fast shutdown: every session ends, the lock holder's too
    db = await startEmbeddedPostgres({ dataDir, persistent: true, detached: true });
    proxy.retarget(portOf(db.adminUrl));

    await waitFor(async () => (await once<{ n: number }>('select count(*)::int as n from pair_changes').catch(() => [{ n: -1 }]))[0]!.n === 0, 60_000, 200);
    const open = await once<{ type: string }>('select type from violations where student_id = $1 and resolved_at is null', [student!.id]);
    expect(open).toEqual([{ type: 'LEVEL_MISMATCH' }]);
    expect(detector.isChecker).toBe(true);
    await holder.end().catch(() => undefined);
  });
});
