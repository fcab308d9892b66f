import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query } from '../../src/domain/database/sql';
import { createStudent, startTestApp, type TestApp } from '../support/test-app';

const UPDATE = `mutation ($input: ProgressUpdateInput!) {
  updateProgress(input: $input) { progress { totalXp currentLevel } license { currentLevel } }
}`;

const HOT_PAIRS = 100;
const REQUESTS = 500;

interface Acknowledged {
  studentId: number;
  xp: number;
}

/** Every pair's XP must equal the sum of its acknowledged increments, and its license its level. */
async function verifyPairs(app: TestApp, studentIds: number[], acknowledged: Acknowledged[]) {
  const expected = new Map<number, number>(studentIds.map((id) => [id, 0]));
  for (const ack of acknowledged) expected.set(ack.studentId, expected.get(ack.studentId)! + ack.xp);
  const rows = await app.sql<{ student_id: number; total_xp: number; progress_level: number; license_level: number; xp_level: number }>(
    `select p.student_id, p.total_xp, p.current_level as progress_level, l.current_level as license_level,
            (select max(level) from specialization_levels s where s.specialization = p.specialization and s.min_xp <= p.total_xp) as xp_level
     from specialization_progress p join licenses l on l.user_id = p.student_id and l.specialization = p.specialization
     where p.specialization = 'PLAYER' and p.student_id = any(?)`,
    [studentIds],
  );
  const lostXp = rows.filter((r) => r.total_xp !== expected.get(r.student_id));
  const desynced = rows.filter((r) => r.license_level !== r.progress_level || r.progress_level !== r.xp_level);
  return { rows: rows.length, lostXp: lostXp.length, desynced: desynced.length };
}

async function deadlockCount(app: TestApp): Promise<number> {
  // Statistics are flushed lazily; force a fresh snapshot of this database's counters.
  await app.sql('select pg_stat_clear_snapshot()');
  const [row] = await app.sql<{ deadlocks: string }>(`select deadlocks from pg_stat_database where datname = current_database()`);
  return Number(row!.deadlocks);
}

describe('updateProgress under contention', () => {
  let app: TestApp;
  let token: string;
  let studentIds: number[];

  beforeAll(async () => {
    app = await startTestApp();
    token = (await app.createUser('INSTRUCTOR')).token;
    studentIds = [];
    for (let i = 0; i < HOT_PAIRS; i += 1) studentIds.push((await createStudent(app)).id);
  });
  afterAll(() => app.close());

  it('loses no update and applies each idempotent retry once across 500 concurrent calls on 100 pairs', async () => {
    const requests = Array.from({ length: REQUESTS }, (_, i) => ({
      studentId: studentIds[i % HOT_PAIRS]!,
      xp: randomInt(10, 200),
      key: i % 10 === 0 ? `contention-${i}` : undefined,
    }));
    const send = (r: (typeof requests)[number]) =>
      app.gql<{ updateProgress: { progress: { totalXp: number } } }>(
        UPDATE,
        { input: { studentId: String(r.studentId), specialization: 'PLAYER', xpChange: r.xp, idempotencyKey: r.key } },
        token,
      );
    // Every keyed request is sent twice at once: the retry must not apply a second time.
    const retries = requests.filter((r) => r.key);
    const deadlocksBefore = await deadlockCount(app);
    const responses = await Promise.all([...requests, ...retries].map(send));

    const errors = responses.flatMap((r) => r.body.errors ?? []);
    expect(errors).toEqual([]);
    expect(responses.every((r) => r.status === 200)).toBe(true);

    const result = await verifyPairs(app, studentIds, requests);
    expect(result).toEqual({ rows: HOT_PAIRS, lostXp: 0, desynced: 0 });
    expect(await deadlockCount(app)).toBe(deadlocksBefore);
    const [unfinished] = await app.sql<{ n: string }>(`select count(*) as n from idempotency_records where response is null`);
    expect(Number(unfinished!.n)).toBe(0);
    const [keys] = await app.sql<{ n: string }>(`select count(*) as n from idempotency_records`);
    expect(Number(keys!.n)).toBe(retries.length);
  });

  it('would catch a lost update: a read-then-write-back control path fails the same verification', async () => {
    const victims = studentIds.slice(0, 10);
    const before = await app.sql<{ student_id: number; total_xp: number }>(
      `select student_id, total_xp from specialization_progress where specialization = 'PLAYER' and student_id = any(?)`,
      [victims],
    );
    const acknowledged: Acknowledged[] = before.map((r) => ({ studentId: r.student_id, xp: r.total_xp }));
    const em = app.orm.em.fork();
    // The naive path: read XP, then write back the value read plus the increment, without a lock.
    const naive = async (studentId: number, xp: number) => {
      await em.transactional(async (trx) => {
        const [row] = await query<{ total_xp: number }>(
          trx,
          `select total_xp from specialization_progress where student_id = ? and specialization = 'PLAYER'`,
          [studentId],
        );
        await new Promise((r) => setTimeout(r, 5));
        await query(trx, `update specialization_progress set total_xp = ? where student_id = ? and specialization = 'PLAYER'`, [
          row!.total_xp + xp,
          studentId,
        ]);
      });
      acknowledged.push({ studentId, xp });
    };
    await Promise.all(Array.from({ length: 100 }, (_, i) => naive(victims[i % victims.length]!, 7)));
    const result = await verifyPairs(app, victims, acknowledged);
    expect(result.lostXp).toBeGreaterThan(0);
  });
});
