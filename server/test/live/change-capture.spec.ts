import { actorOrigin } from '../../src/domain/audit/audit.types';
import { Client } from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/app-config';
import { connectDatabase, type Orm } from '../../src/domain/database/database';
import type { DomainServices } from '../../src/domain/services';
import { createDomainServices } from '../../src/domain/services';
import { connectSql, type Sql } from '../support/sql-fixtures';
import { TEST_JWT_SECRET } from '../support/test-app';
import { createTestDatabase } from '../support/test-database';
import { inUnitsOfWork } from '../support/units-of-work';

const ADMIN = { id: 1, role: 'ADMIN' as const };

describe('change capture', () => {
  let url: string;
  let orm: Orm;
  let services: DomainServices;
  let sql: Sql;
  let closeSql: () => Promise<void>;
  let student = 0;

  const changes = () => sql<{ student_id: number; specialization: string }>('select student_id, specialization from pair_changes order by id');
  /** A consistent pair (progress and license at level 1), written out of band. */
  const pair = async (specialization = 'PLAYER') => {
    student += 1;
    const [row] = await sql<{ id: number }>(
      `insert into users (email, password_hash, full_name, role) values ($1, 'x', 'S', 'STUDENT') returning id`,
      [`capture-${process.pid}-${student}@levelsync.test`],
    );
    await sql('insert into specialization_progress (student_id, specialization) values ($1, $2)', [row!.id, specialization]);
    await sql('insert into licenses (user_id, specialization) values ($1, $2)', [row!.id, specialization]);
    return row!.id;
  };

  beforeAll(async () => {
    url = await createTestDatabase();
    orm = await connectDatabase({ url, poolMax: 4 });
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: url, JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'silent' });
    services = inUnitsOfWork(orm, await createDomainServices(config.domain, orm));
    ({ sql, close: closeSql } = await connectSql(url));
  });
  afterAll(async () => {
    await closeSql();
    await orm.close(true);
  });
  beforeEach(async () => {
    await sql('delete from pair_changes');
  });

  describe('when a writer goes behind the enforcer', () => {
    it('records the pair of an out-of-band UPDATE in the same transaction, and notifies listeners at commit', async () => {
      const id = await pair();
      await sql('delete from pair_changes');
      const listener = new Client({ connectionString: url });
      await listener.connect();
      const notified = new Promise<string>((resolve) => listener.on('notification', (n) => resolve(n.channel)));
      await listener.query('listen levelsync_pair_changes');

      await sql('begin');
      await sql(`update licenses set current_level = 2, max_achieved_level = 2 where user_id = $1`, [id]);
      const inside = await changes();
      await sql('rollback');
      expect(inside).toEqual([{ student_id: id, specialization: 'PLAYER' }]);
      expect(await changes()).toEqual([]);

      await sql(`update licenses set current_level = 2, max_achieved_level = 2 where user_id = $1`, [id]);
      expect(await changes()).toEqual([{ student_id: id, specialization: 'PLAYER' }]);
      expect(await notified).toBe('levelsync_pair_changes');
      await listener.end();
    });

    it('records every pair of a bulk UPDATE once, from one statement', async () => {
      const ids = [await pair(), await pair(), await pair()];
      await sql('delete from pair_changes');
      await sql(`update specialization_progress set total_xp = total_xp + 1 where student_id = any($1::int[])`, [ids]);
      expect((await changes()).map((c) => c.student_id).sort()).toEqual([...ids].sort());
    });

    it('records inserts, deletes, a cascade from a deleted user, and a truncate', async () => {
      const id = await pair('COACH');
      expect(await changes()).toEqual([
        { student_id: id, specialization: 'COACH' },
        { student_id: id, specialization: 'COACH' },
      ]);
      await sql('delete from pair_changes');
      await sql('delete from licenses where user_id = $1', [id]);
      expect(await changes()).toEqual([{ student_id: id, specialization: 'COACH' }]);
      await sql('delete from pair_changes');
      await sql('delete from users where id = $1', [id]);
      expect(await changes()).toEqual([{ student_id: id, specialization: 'COACH' }]);

      const other = await pair('INTERNSHIP');
      await sql('delete from pair_changes');
      await sql('truncate licenses');
      expect(await changes()).toContainEqual({ student_id: other, specialization: 'INTERNSHIP' });
    });
  });

  describe('when the enforcer or a repair writes', () => {
    it('skips an updateProgress on a consistent pair, but not a later out-of-band write to it', async () => {
      const id = await pair();
      await sql('delete from pair_changes');
      const update = await services.progress.update(ADMIN, { studentId: String(id), specialization: 'PLAYER', xpChange: 600 });
      expect(update.leveledUp).toBe(true);
      expect(await changes()).toEqual([]);

      await sql(`update licenses set current_level = 1 where user_id = $1`, [id]);
      expect(await changes()).toEqual([{ student_id: id, specialization: 'PLAYER' }]);
    });

    it('skips an updateProgress with an idempotency key the same way', async () => {
      const id = await pair();
      await sql('delete from pair_changes');
      await services.progress.update(ADMIN, { studentId: String(id), specialization: 'PLAYER', xpChange: 10, idempotencyKey: `k-${id}` });
      expect(await changes()).toEqual([]);
    });

    it('records an updateProgress on a pair with an open violation (the write resolves it) or a change still waiting', async () => {
      const open = await pair();
      await sql(`insert into violations (student_id, specialization, type) values ($1, 'PLAYER', 'LEVEL_MISMATCH')`, [open]);
      const waiting = await pair();
      await sql('delete from pair_changes where student_id <> $1', [waiting]);
      await sql('delete from pair_changes where student_id = $1 and id > (select min(id) from pair_changes where student_id = $1)', [waiting]);

      await services.progress.update(ADMIN, { studentId: String(open), specialization: 'PLAYER', xpChange: 5 });
      await services.progress.update(ADMIN, { studentId: String(waiting), specialization: 'PLAYER', xpChange: 5 });
      const recorded = await changes();
      expect(recorded.filter((c) => c.student_id === open).length).toBeGreaterThan(0);
      expect(recorded.filter((c) => c.student_id === waiting).length).toBeGreaterThan(1);
    });

    it('skips a repair, which resolves the pair\'s violations in its own transaction', async () => {
      const id = await pair();
      await sql(`update licenses set current_level = 3, max_achieved_level = 3 where user_id = $1`, [id]);
      await sql(`insert into violations (student_id, specialization, type, progress_level, license_level) values ($1, 'PLAYER', 'LEVEL_MISMATCH', 1, 3)`, [id]);
      await sql('delete from pair_changes');
      await services.repairs.resyncLicense(actorOrigin(ADMIN.id), String(id), 'PLAYER');
      expect(await sql('select current_level from licenses where user_id = $1', [id])).toEqual([{ current_level: 1 }]);
      expect(await changes()).toEqual([]);
    });
  });
});
