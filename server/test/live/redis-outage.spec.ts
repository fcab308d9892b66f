import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../src/config/app-config';
import { connectDatabase, type Orm } from '../../src/domain/database/database';
import { TOPICS } from '../../src/domain/events/topics';
import { createLogger } from '../../src/domain/logging/logger';
import { LiveDetector } from '../../src/domain/live/live-detector';
import { createDomainServices } from '../../src/domain/services';
import type { EventBus } from '../../src/events/event-bus';
import { createRedisEventBus } from '../../src/events/redis-event-bus';
import { connectSql, type Sql } from '../support/sql-fixtures';
import { TEST_JWT_SECRET } from '../support/test-app';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';
import { createTestDatabase } from '../support/test-database';
import { inUnitsOfWork } from '../support/units-of-work';
import { waitFor } from '../support/wait-for';

describe('when Redis is unreachable from the live checker', () => {
  let redis: TcpProxy;
  let bus: EventBus;
  let orm: Orm;
  let sql: Sql;
  let closeSql: () => Promise<void>;
  let detector: LiveDetector;
  let probe: EventBus;
  const announced: number[] = [];
  let student = 0;

  const desync = async () => {
    student += 1;
    const [row] = await sql<{ id: number }>(
      `insert into users (email, password_hash, full_name, role) values ($1, 'x', 'R', 'STUDENT') returning id`,
      [`redis-outage-${student}@levelsync.test`],
    );
    await sql(`insert into specialization_progress (student_id, specialization, total_xp, current_level) values ($1, 'PLAYER', 600, 2)`, [row!.id]);
    await sql(`insert into licenses (user_id, specialization) values ($1, 'PLAYER')`, [row!.id]);
    return row!.id;
  };
  const found = (id: number) =>
    waitFor(async () => (await sql(`select 1 from violations where student_id = $1 and resolved_at is null`, [id])).length > 0, 20_000, 50);

  beforeAll(async () => {
    const url = await createTestDatabase();
    ({ sql, close: closeSql } = await connectSql(url));
    const target = new URL(inject('redisUrl'));
    redis = await startTcpProxy({ host: target.hostname, port: Number(target.port || 6379) });
    const logger = createLogger('silent', 'test');
    const prefix = `live-outage-${inject('runId')}`;
    bus = createRedisEventBus({ url: `redis://127.0.0.1:${redis.port}`, prefix, logger });
    // What an API replica would relay: Redis reached directly, not through the relay that is cut.
    probe = createRedisEventBus({ url: inject('redisUrl'), prefix, logger });
    probe.on(TOPICS.VIOLATIONS_CHANGED, (change) => announced.push(...change.opened.map((v) => v.studentId)));
    await probe.ready();
    orm = await connectDatabase({ url, poolMax: 4 });
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: url, JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'silent' });
    const services = inUnitsOfWork(orm, await createDomainServices(config.domain, orm, { events: bus }));
    detector = new LiveDetector(orm, services.liveChecks, logger, { databaseUrl: url });
    detector.start();
  });
  afterAll(async () => {
    await detector?.stop();
    await bus?.close();
    await probe?.close();
    await redis?.close();
    await orm?.close(true);
    await closeSql?.();
  });

  it('keeps checking and storing (only the announcements are lost), then announces again once Redis is back', async () => {
    await found(await desync());
    await redis.cut();
    await found(await desync());
    expect(detector.isChecker).toBe(true);
    await redis.restore();
    const after = await desync();
    await found(after);
    await waitFor(async () => announced.includes(after), 20_000, 50);
  });
});
