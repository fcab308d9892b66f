import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/domain/logging/logger';
import { LiveDetector } from '../../src/domain/live/live-detector';
import { LiveSubscription } from '../support/live-subscription';
import { connectSql, type Sql } from '../support/sql-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';

interface ViolationChange {
  violationsChanged: {
    opened: Array<{ id: string; type: string; specialization: string; progressLevel: number | null; licenseLevel: number | null; student: { id: string } }>;
    resolved: string[];
    openCount: number;
  };
}

const VIOLATIONS_CHANGED = `subscription {
  violationsChanged { opened { id type specialization progressLevel licenseLevel student { id } } resolved openCount }
}`;

describe('live detection', () => {
  let app: TestApp;
  let sql: Sql;
  let closeSql: () => Promise<void>;
  let detector: LiveDetector;
  let token: string;
  let student = 0;

  /** A consistent PLAYER pair at level 1, written out of band. */
  const pair = async () => {
    student += 1;
    const [row] = await sql<{ id: number }>(
      `insert into users (email, password_hash, full_name, role) values ($1, 'x', 'Live student', 'STUDENT') returning id`,
      [`live-${process.pid}-${student}@levelsync.test`],
    );
    await sql(`insert into specialization_progress (student_id, specialization) values ($1, 'PLAYER')`, [row!.id]);
    await sql(`insert into licenses (user_id, specialization) values ($1, 'PLAYER')`, [row!.id]);
    return row!.id;
  };
  const drained = () => waitFor(async () => (await sql<{ n: number }>('select count(*)::int as n from pair_changes'))[0]!.n === 0, 20_000, 50);
  const openViolations = (id: number) =>
    sql<{ id: number; type: string }>('select id, type from violations where student_id = $1 and resolved_at is null', [id]);

  beforeAll(async () => {
    app = await startTestApp({}, { liveEvents: true });
    ({ sql, close: closeSql } = await connectSql(app.databaseUrl));
    token = await app.adminToken();
    detector = new LiveDetector(app.orm, app.services.liveChecks, createLogger('silent', 'test'), { databaseUrl: app.databaseUrl, idleCheckMs: 60_000 });
    detector.start();
    await waitFor(async () => detector.isChecker, 10_000, 20);
  });
  afterAll(async () => {
    await detector?.stop();
    await closeSql?.();
    await app?.close();
  });

  it('finds an out-of-band UPDATE and pushes it to a graphql-ws subscriber, with no check run', async () => {
    const id = await pair();
    await drained();
    const subscriber = new LiveSubscription<ViolationChange>(app.wsUrl, VIOLATIONS_CHANGED, `Bearer ${token}`);
    // Nothing is sent on subscribe: the subscription is live once a probe's change reaches it.
    const probe = await pair();
    for (let level = 2; ; level = level === 2 ? 1 : 2) {
      await sql(`update licenses set current_level = $2, max_achieved_level = 2 where user_id = $1`, [probe, level]);
      const reached = await subscriber.waitFor((c) => c.violationsChanged.opened.length + c.violationsChanged.resolved.length > 0, 1_000).catch(() => null);
      if (reached) break;
    }
    await sql(`update licenses set current_level = 1 where user_id = $1`, [probe]);

    await sql(`update licenses set current_level = 3, max_achieved_level = 3 where user_id = $1`, [id]);
    const { data } = await subscriber.waitFor((c) => c.violationsChanged.opened.some((v) => v.student.id === String(id)));

    const opened = data.violationsChanged.opened.find((v) => v.student.id === String(id))!;
    expect(opened).toMatchObject({ type: 'LEVEL_MISMATCH', specialization: 'PLAYER', progressLevel: 1, licenseLevel: 3 });
    expect(await openViolations(id)).toEqual([{ id: Number(opened.id), type: 'LEVEL_MISMATCH' }]);
    expect(data.violationsChanged.openCount).toBe((await sql<{ n: number }>('select count(*)::int as n from violations where resolved_at is null'))[0]!.n);
    expect(await sql('select id from check_runs')).toEqual([]);

    // Fixing it out of band resolves it, live too.
    await sql(`update licenses set current_level = 1 where user_id = $1`, [id]);
    const fixed = await subscriber.waitFor((c) => c.violationsChanged.resolved.includes(opened.id));
    expect(fixed.data.violationsChanged.opened).toEqual([]);
    expect(await openViolations(id)).toEqual([]);
    await subscriber.dispose();
  });

  it('reports itself on in the health status, and moves the rate between checks', async () => {
    await drained();
    const run = await app.services.checkRuns.runOfJob('live-health-sweep', 'MANUAL');
    const swept = await app.services.integrity.run(run.id);
    const read = async () =>
      (await app.gql<{ healthStatus: { liveDetection: boolean; liveDetectionState: string; detectionLagMs: number | null; consistencyRate: number } }>(
        '{ healthStatus { liveDetection liveDetectionState detectionLagMs consistencyRate } }',
        {},
        token,
      )).body.data!.healthStatus;
    expect(await read()).toMatchObject({ liveDetection: true, liveDetectionState: 'ON', detectionLagMs: null, consistencyRate: swept.consistencyRate });

    const id = await pair();
    await drained();
    await sql(`update specialization_progress set total_xp = 30000 where student_id = $1`, [id]);
    await drained();
    app.services.health.invalidate();
    const after = await read();
    const pairs = swept.pairsChecked!;
    const open = (await sql<{ n: number }>('select count(distinct (student_id, specialization))::int as n from violations where resolved_at is null'))[0]!.n;
    expect(after.consistencyRate).toBeCloseTo((pairs - open) / pairs);
    expect(after.consistencyRate).toBeLessThan(swept.consistencyRate!);
  });

  it('checks a bulk UPDATE in a few batches, every pair of it', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 40; i += 1) ids.push(await pair());
    await drained();
    await sql(`update licenses set current_level = 2, max_achieved_level = 2 where user_id = any($1::int[])`, [ids]);
    await drained();
    const open = await sql<{ student_id: number }>(
      `select student_id from violations where resolved_at is null and type = 'LEVEL_MISMATCH' and student_id = any($1::int[])`,
      [ids],
    );
    expect(open.map((v) => v.student_id).sort()).toEqual([...ids].sort());
  });

  it('checks what was written while no checker listened, once one starts again', async () => {
    await detector.stop();
    expect(detector.isChecker).toBe(false);
    const id = await pair();
    await sql(`delete from licenses where user_id = $1`, [id]);
    expect(await openViolations(id)).toEqual([]);

    detector = new LiveDetector(app.orm, app.services.liveChecks, createLogger('silent', 'test'), { databaseUrl: app.databaseUrl, idleCheckMs: 60_000 });
    detector.start();
    await drained();
    expect(await openViolations(id)).toEqual([expect.objectContaining({ type: 'MISSING_LICENSE' })]);
  });

  it('loses nothing when its sessions are cut (a PostgreSQL restart, as the checker sees one)', async () => {
    const id = await pair();
    await drained();
    // Every session of this database but ours ends, the listening one and the pool's alike.
    await sql(`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`);
    await sql(`update specialization_progress set current_level = 4 where student_id = $1`, [id]);
    await drained();
    expect((await openViolations(id)).map((v) => v.type).sort()).toEqual(['LEVEL_MISMATCH', 'XP_LEVEL_MISMATCH']);
    await waitFor(async () => detector.isChecker, 10_000, 50);
  });
});
