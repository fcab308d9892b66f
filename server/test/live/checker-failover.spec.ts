import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobsEnvironment, startApiProcess, startWorkerProcess, type ChildNode, type JobsEnvironment } from '../support/job-processes';
import { LiveSubscription } from '../support/live-subscription';
import { connectSql, userWithToken, type Sql } from '../support/sql-fixtures';
import { waitFor } from '../support/wait-for';

const IS_CHECKER = 'live detection: this worker is the incremental checker';
const PAIRS = 300;

interface ViolationChange {
  violationsChanged: { opened: Array<{ type: string; student: { id: string } }>; resolved: string[]; openCount: number };
}

describe('when the live checker is killed with changes waiting', () => {
  let jobs: JobsEnvironment;
  let sql: Sql;
  let closeSql: () => Promise<void>;
  let workers: ChildNode[] = [];
  let api: (ChildNode & { port: number }) | undefined;
  let ids: number[];

  const waiting = async () => (await sql<{ n: number }>('select count(*)::int as n from pair_changes'))[0]!.n;

  beforeAll(async () => {
    jobs = await createJobsEnvironment();
    ({ sql, close: closeSql } = await connectSql(jobs.databaseUrl));
    const rows = await sql<{ id: number }>(
      `insert into users (email, password_hash, full_name, role)
       select 'failover-' || g || '@levelsync.test', 'x', 'Failover ' || g, 'STUDENT' from generate_series(1, $1::int) g returning id`,
      [PAIRS],
    );
    ids = rows.map((r) => r.id);
    await sql(`insert into specialization_progress (student_id, specialization) select unnest($1::int[]), 'PLAYER'`, [ids]);
    await sql(`insert into licenses (user_id, specialization) select unnest($1::int[]), 'PLAYER'`, [ids]);
    workers = await Promise.all([startWorkerProcess(jobs, {}, 'worker-a'), startWorkerProcess(jobs, {}, 'worker-b')]);
    api = await startApiProcess(jobs);
  });
  afterAll(async () => {
    await Promise.all([...workers, ...(api ? [api] : [])].map((p) => p.stop()));
    await closeSql?.();
  });

  it('one worker checks, the other stands by; after kill -9 the standby takes over and checks every change, subscribers included', async () => {
    const checker = await Promise.race(workers.map((w) => w.waitForLog((l) => l.msg === IS_CHECKER).then(() => w)));
    const standby = workers.find((w) => w !== checker)!;
    await waitFor(async () => (await waiting()) === 0, 30_000, 100);
    expect(standby.logs.some((l) => l.msg === IS_CHECKER)).toBe(false);

    const { token } = await userWithToken(sql, 'ADMIN');
    const subscriber = new LiveSubscription<ViolationChange>(
      `ws://127.0.0.1:${api!.port}/graphql`,
      'subscription { violationsChanged { opened { type student { id } } resolved openCount } }',
      `Bearer ${token}`,
    );
    // Nothing is sent on subscribe: live once a probe's change reaches it (worker → Redis → API → socket).
    for (let level = 2; ; level = level === 2 ? 1 : 2) {
      await sql(`update licenses set current_level = $2, max_achieved_level = 2 where user_id = $1`, [ids[0], level]);
      if (await subscriber.waitFor((c) => c.violationsChanged.opened.length + c.violationsChanged.resolved.length > 0, 1_000).catch(() => null)) break;
    }
    await sql(`update licenses set current_level = 1 where user_id = $1`, [ids[0]]);
    await waitFor(async () => (await waiting()) === 0, 30_000, 100);

    // Frozen first, so the changes are certainly waiting (or claimed by an uncommitted batch) when it dies.
    checker.child.kill('SIGSTOP');
    const broken = ids.slice(1);
    await sql(`update licenses set current_level = 2, max_achieved_level = 2 where user_id = any($1::int[])`, [broken]);
    expect(await waiting()).toBe(broken.length);
    const killedAt = Date.now();
    checker.child.kill('SIGKILL');

    await standby.waitForLog((l) => l.msg === IS_CHECKER, 15_000);
    const tookOverMs = Date.now() - killedAt;
    await waitFor(async () => (await waiting()) === 0, 30_000, 100);
    const checkedMs = Date.now() - killedAt;
    console.info(`[measure] live checker kill -9 → standby checking: ${tookOverMs} ms; → ${broken.length} waiting changes checked: ${checkedMs} ms`);

    const open = await sql<{ student_id: number }>(`select student_id from violations where resolved_at is null and type = 'LEVEL_MISMATCH' order by student_id`);
    expect(open.map((v) => v.student_id)).toEqual(broken);
    const seen = new Set<string>();
    await subscriber.waitFor((c) => {
      for (const v of c.violationsChanged.opened) seen.add(v.student.id);
      return broken.every((id) => seen.has(String(id)));
    }, 20_000);
    await subscriber.dispose();
  });
});
