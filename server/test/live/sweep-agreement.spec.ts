import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/domain/logging/logger';
import { LiveDetector } from '../../src/domain/live/live-detector';
import { connectSql, type Sql } from '../support/sql-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';

const STUDENTS = 250;
const SPECIALIZATIONS = ['PLAYER', 'COACH'] as const; // 500 pairs
const WRITES = 1_000;
const STREAMS = 4;

/** One write to a pair, out of band (plain SQL) unless it is the enforcer's. */
type Write =
  | { kind: 'license-level'; level: number }
  | { kind: 'progress-level'; level: number }
  | { kind: 'progress-xp'; xp: number }
  | { kind: 'delete-license' }
  | { kind: 'delete-progress' }
  | { kind: 'restore-pair' }
  | { kind: 'enforcer'; xp: number };

const writeArbitrary: fc.Arbitrary<Write> = fc.oneof(
  fc.record({ kind: fc.constant('license-level' as const), level: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant('progress-level' as const), level: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant('progress-xp' as const), xp: fc.integer({ min: 0, max: 30_000 }) }),
  fc.record({ kind: fc.constant('delete-license' as const) }),
  fc.record({ kind: fc.constant('delete-progress' as const) }),
  fc.record({ kind: fc.constant('restore-pair' as const) }),
  fc.record({ kind: fc.constant('enforcer' as const), xp: fc.integer({ min: 1, max: 3_000 }) }),
);

interface OpenViolation {
  student_id: number;
  specialization: string;
  type: string;
  progress_level: number | null;
  license_level: number | null;
  total_xp: number | null;
}

describe('when live detection and the sweep judge the same writes', () => {
  let app: TestApp;
  let sqls: Array<{ sql: Sql; close: () => Promise<void> }>;
  let detector: LiveDetector;
  let ids: number[];

  beforeAll(async () => {
    app = await startTestApp({}, { liveEvents: true });
    sqls = await Promise.all(Array.from({ length: STREAMS }, () => connectSql(app.databaseUrl)));
    const sql = sqls[0]!.sql;
    const rows = await sql<{ id: number }>(
      `insert into users (email, password_hash, full_name, role)
       select 'mix-' || g || '@levelsync.test', 'x', 'Mix ' || g, 'STUDENT' from generate_series(1, $1::int) g returning id`,
      [STUDENTS],
    );
    ids = rows.map((r) => r.id);
    for (const s of SPECIALIZATIONS) {
      await sql(`insert into specialization_progress (student_id, specialization) select unnest($1::int[]), $2`, [ids, s]);
      await sql(`insert into licenses (user_id, specialization) select unnest($1::int[]), $2`, [ids, s]);
    }
    detector = new LiveDetector(app.orm, app.services.liveChecks, createLogger('silent', 'test'), {
      databaseUrl: app.databaseUrl,
      // Small batches, so the writes interleave with many of them.
      batchSize: 50,
    });
    detector.start();
  });
  afterAll(async () => {
    await detector?.stop();
    await Promise.all((sqls ?? []).map((s) => s.close()));
    await app?.close();
  });

  const apply = async (sql: Sql, studentId: number, specialization: string, write: Write) => {
    switch (write.kind) {
      case 'license-level':
        return sql(`update licenses set current_level = $3, max_achieved_level = greatest(max_achieved_level, $3) where user_id = $1 and specialization = $2`, [
          studentId,
          specialization,
          write.level,
        ]);
      case 'progress-level':
        return sql(`update specialization_progress set current_level = $3 where student_id = $1 and specialization = $2`, [studentId, specialization, write.level]);
      case 'progress-xp':
        return sql(`update specialization_progress set total_xp = $3 where student_id = $1 and specialization = $2`, [studentId, specialization, write.xp]);
      case 'delete-license':
        return sql(`delete from licenses where user_id = $1 and specialization = $2`, [studentId, specialization]);
      case 'delete-progress':
        return sql(`delete from specialization_progress where student_id = $1 and specialization = $2`, [studentId, specialization]);
      case 'restore-pair':
        await sql(`insert into specialization_progress (student_id, specialization) values ($1, $2) on conflict do nothing`, [studentId, specialization]);
        return sql(`insert into licenses (user_id, specialization) values ($1, $2) on conflict do nothing`, [studentId, specialization]);
      case 'enforcer':
        return app.services.progress
          .update({ id: 1, role: 'ADMIN' }, { studentId: String(studentId), specialization, xpChange: write.xp })
          .catch(() => undefined); // an unassigned pair is refused, as it should be
    }
  };

  it('leaves the same open violations, pair for pair, as a full sweep finds after a random mix of 1,000 writes on 500 pairs', async () => {
    const plan = fc.sample(
      fc.record({ student: fc.integer({ min: 0, max: STUDENTS - 1 }), specialization: fc.constantFrom(...SPECIALIZATIONS), write: writeArbitrary }),
      { numRuns: WRITES, seed: 20261202 },
    );
    // Four connections write at once while the checker runs.
    await Promise.all(
      sqls.map(async ({ sql }, stream) => {
        for (let i = stream; i < plan.length; i += STREAMS) await apply(sql, ids[plan[i]!.student]!, plan[i]!.specialization, plan[i]!.write);
      }),
    );
    const sql = sqls[0]!.sql;
    await waitFor(async () => (await sql<{ n: number }>('select count(*)::int as n from pair_changes'))[0]!.n === 0, 30_000, 50);
    const open = () =>
      sql<OpenViolation>(
        `select student_id, specialization, type, progress_level, license_level, total_xp from violations
         where resolved_at is null order by student_id, specialization, type`,
      );
    const incremental = await open();
    expect(incremental.length).toBeGreaterThan(50);

    const run = await app.services.checkRuns.runOfJob('agreement-sweep', 'MANUAL');
    const swept = await app.services.integrity.run(run.id);
    expect(await open()).toEqual(incremental);
    const pairs = new Set(incremental.map((v) => `${v.student_id}:${v.specialization}`));
    expect(swept.inconsistent).toBe(pairs.size);
    expect(swept.missedByLiveDetection).toBe(0);
  });

  it('counts what live detection could not see (a write with the triggers bypassed) as missed, on the run and in the metrics', async () => {
    const sql = sqls[0]!.sql;
    // A restore with --disable-triggers, or a session as a replica, writes behind the capture.
    await sql(`set session_replication_role = replica`);
    const [hidden] = await sql<{ id: number }>(`insert into users (email, password_hash, full_name, role) values ('hidden@levelsync.test', 'x', 'H', 'STUDENT') returning id`);
    await sql(`insert into specialization_progress (student_id, specialization) values ($1, 'PLAYER')`, [hidden!.id]);
    await sql(`insert into licenses (user_id, specialization, current_level, max_achieved_level) values ($1, 'PLAYER', 5, 5)`, [hidden!.id]);
    await sql(`reset session_replication_role`);
    const before = (await sql<{ n: number }>(`select count(*)::int as n from pair_changes`))[0]!.n;
    expect(before).toBe(0);

    const run = await app.services.checkRuns.runOfJob('missed-sweep', 'MANUAL');
    const swept = await app.services.integrity.run(run.id);
    expect(swept.missedByLiveDetection).toBe(1);
    const { body } = await app.gql<{ healthMetrics: { missedByLiveDetectionLast24h: number } }>(
      '{ healthMetrics { missedByLiveDetectionLast24h } }',
      {},
      await app.adminToken(),
    );
    expect(body.data!.healthMetrics.missedByLiveDetectionLast24h).toBe(swept.missedByLiveDetection);
  });
});
