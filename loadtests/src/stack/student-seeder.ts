import { Client } from 'pg';
import { SPECIALIZATIONS } from '../../../server/src/domain/shared/specialization';

export interface SeededStudents {
  firstId: number;
  lastId: number;
  count: number;
  pairs: number;
  desynced: number;
}

/**
 * Students with progress and a matching license in every specialization, generated inside
 * PostgreSQL. With `desyncRate` > 0, that share of licenses is set one level off (a LEVEL_MISMATCH
 * the check must find). Ids are contiguous: the run's database is fresh and we are its only writer.
 */
export async function seedStudents(databaseUrl: string, count: number, desyncRate = 0): Promise<SeededStudents> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('begin');
    await client.query('set local synchronous_commit = off');
    // The seed is consistent by construction, so it marks itself as the enforcer and repairs do
    // (live/consistent-writes.ts) and the capture triggers skip it: 1M students would otherwise
    // leave 6M captured changes for the live checker to drain before a scenario can start.
    await client.query(`select set_config('levelsync.consistent_writer', 'on', true)`);
    const { rows } = await client.query<{ first_id: number; last_id: number }>(
      `with s as (
         insert into users (email, password_hash, full_name, role)
         select 'lt-student-' || g || '@loadtest.levelsync.local', 'no-login', 'Load Student ' || g, 'STUDENT'
         from generate_series(1, $1::int) g
         returning id)
       select min(id) as first_id, max(id) as last_id from s`,
      [count],
    );
    const { first_id: firstId, last_id: lastId } = rows[0]!;
    await client.query(
      `insert into specialization_progress (student_id, specialization, total_xp, current_level)
       select u.id, sp.s, x.xp,
              (select max(level) from specialization_levels sl where sl.specialization = sp.s and sl.min_xp <= x.xp)
       from users u
       cross join unnest($3::text[]) as sp(s)
       cross join lateral (select ((u.id::bigint * 7919 + length(sp.s) * 104729) % 9000)::int as xp) x
       where u.id between $1 and $2`,
      [firstId, lastId, SPECIALIZATIONS],
    );
    await client.query(
      `insert into licenses (user_id, specialization, current_level, max_achieved_level)
       select student_id, specialization, current_level, current_level
       from specialization_progress where student_id between $1 and $2`,
      [firstId, lastId],
    );
    let desynced = 0;
    if (desyncRate > 0) {
      // The desyncs are drift, written as any out-of-band writer would: captured.
      await client.query(`select set_config('levelsync.consistent_writer', 'off', true)`);
      const stride = Math.max(1, Math.round(1 / desyncRate));
      const result = await client.query(
        `update licenses set current_level = case when current_level > 1 then current_level - 1 else 2 end,
                             max_achieved_level = greatest(max_achieved_level, 2)
         where user_id between $1 and $2 and id % $3 = 0`,
        [firstId, lastId, stride],
      );
      desynced = result.rowCount ?? 0;
    }
    await client.query('commit');
    await client.query('analyze users, specialization_progress, licenses');
    return { firstId, lastId, count, pairs: count * SPECIALIZATIONS.length, desynced };
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
