import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PasswordHasher } from '../../src/domain/auth/password-hasher';
import { connectDatabase, type Orm } from '../../src/domain/database/database';
import { query } from '../../src/domain/database/sql';
import { DEMO_STUDENT_PASSWORD, DemoDataService, demoStudentEmail, type SeedResult } from '../../src/domain/seeding/demo-data.service';
import { createTestDatabase } from '../support/test-database';

/** The coupling invariant, classified independently of the generator: one row per broken pair. */
const BROKEN_PAIRS = `
  select coalesce(p.student_id, l.user_id) as student_id, coalesce(p.specialization, l.specialization) as specialization,
         case when l.id is null then 'MISSING_LICENSE'
              when p.id is null then 'ORPHAN_LICENSE'
              when p.current_level <> (select max(level) from specialization_levels s
                                       where s.specialization = p.specialization and s.min_xp <= p.total_xp) then 'XP_LEVEL_MISMATCH'
              when l.current_level <> p.current_level then 'LEVEL_MISMATCH' end as type
  from specialization_progress p
  full join licenses l on l.user_id = p.student_id and l.specialization = p.specialization`;

describe('the demo data generator', () => {
  let orm: Orm;
  let first: SeedResult;
  const sql = <T>(text: string, bindings: unknown[] = []) => query<T>(orm.em.fork(), text, bindings);
  const foreignKeys = () => sql<{ n: string }>(`select count(*) as n from pg_constraint where contype = 'f'`);

  beforeAll(async () => {
    orm = await connectDatabase({ url: await createTestDatabase(), poolMax: 4 });
    first = await new DemoDataService(orm.em.fork(), new PasswordHasher()).seed({ students: 4000, desyncRate: 0.04 });
  });
  afterAll(async () => {
    await orm.close(true);
  });

  it('creates the requested number of students with unique numbered emails', async () => {
    const [row] = await sql<{ n: string; emails: string }>(
      `select count(*) as n, count(distinct email) as emails from users where role = 'STUDENT'`,
    );
    expect(Number(row!.n)).toBe(4000);
    expect(Number(row!.emails)).toBe(4000);
    expect(first).toMatchObject({ firstStudentNumber: 1, lastStudentNumber: 4000, studentsCreated: 4000 });
  });

  it('gives every student PLAYER, about half COACH and about a third INTERNSHIP', async () => {
    const rows = await sql<{ specialization: string; n: string }>(
      `select specialization, count(distinct student_id) as n from (
         select student_id, specialization from specialization_progress
         union select user_id, specialization from licenses) pairs group by specialization`,
    );
    const share = Object.fromEntries(rows.map((r) => [r.specialization, Number(r.n) / 4000]));
    expect(share.PLAYER).toBe(1);
    expect(share.COACH).toBeGreaterThan(0.45);
    expect(share.COACH).toBeLessThan(0.55);
    expect(share.INTERNSHIP).toBeGreaterThan(0.25);
    expect(share.INTERNSHIP).toBeLessThan(0.35);
  });

  it('spreads XP so that every level of every specialization occurs', async () => {
    const [row] = await sql<{ missing: string }>(
      `select count(*) as missing from specialization_levels s
       where not exists (select 1 from specialization_progress p
                         where p.specialization = s.specialization and p.current_level = s.level)`,
    );
    expect(Number(row!.missing)).toBe(0);
  });

  it('desyncs the requested fraction of pairs, spread evenly over the four violation types', async () => {
    const [total] = await sql<{ pairs: string }>(`select count(*) as pairs from (${BROKEN_PAIRS}) all_pairs`);
    const broken = await sql<{ type: string; n: string }>(
      `select type, count(*) as n from (${BROKEN_PAIRS}) b where type is not null group by type`,
    );
    const pairs = Number(total!.pairs);
    const byType = Object.fromEntries(broken.map((r) => [r.type, Number(r.n)]));
    const desynced = Object.values(byType).reduce((a, b) => a + b, 0);
    expect(pairs).toBe(first.pairs);
    expect(desynced / pairs).toBeGreaterThan(0.039);
    expect(desynced / pairs).toBeLessThan(0.041);
    for (const type of ['LEVEL_MISMATCH', 'MISSING_LICENSE', 'ORPHAN_LICENSE', 'XP_LEVEL_MISMATCH']) {
      expect(Math.abs(byType[type]! - desynced / 4)).toBeLessThanOrEqual(1);
    }
    expect(byType).toEqual(first.desynced);
  });

  it('lets students log in with the shared demo password', async () => {
    const [row] = await sql<{ password_hash: string }>(`select password_hash from users where email = ?`, [demoStudentEmail(17)]);
    expect(await new PasswordHasher().verify(row!.password_hash, DEMO_STUDENT_PASSWORD)).toBe(true);
  });

  describe('when run again', () => {
    it('appends students after the existing ones and keeps every constraint', async () => {
      const keysBefore = await foreignKeys();
      const second = await new DemoDataService(orm.em.fork(), new PasswordHasher()).seed({ students: 500, desyncRate: 0 });
      expect(second).toMatchObject({ firstStudentNumber: 4001, lastStudentNumber: 4500, studentsCreated: 500 });
      expect(Object.values(second.desynced).every((n) => n === 0)).toBe(true);
      const [row] = await sql<{ n: string }>(`select count(*) as n from users where email = ?`, [demoStudentEmail(4500)]);
      expect(Number(row!.n)).toBe(1);
      expect(await foreignKeys()).toEqual(keysBefore);
      // A new user still gets a fresh id after the block the generator reserved.
      const [user] = await sql<{ id: number }>(
        `insert into users (email, password_hash, full_name, role) values ('late@levelsync.test', 'x', 'Late', 'STUDENT') returning id`,
      );
      const [max] = await sql<{ id: number }>(`select max(id) as id from users where email <> 'late@levelsync.test'`);
      expect(user!.id).toBeGreaterThan(max!.id);
    });
  });
});
