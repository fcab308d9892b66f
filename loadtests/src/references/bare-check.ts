import { Client } from 'pg';

/**
 * The coupling invariant as one anti-join, written straight against the tables: the floor any
 * integrity check can be compared with, and the verifier the stress scenarios use afterwards.
 * The expected level comes from a join on XP ranges (a per-row subquery was 3× slower, which
 * would have flattered the check). It only counts; the check also records violations.
 */
export const BARE_CHECK_SQL = `
with lv as (
  select specialization, level, min_xp,
         coalesce(lead(min_xp) over (partition by specialization order by min_xp), 2147483647) as next_min_xp
  from specialization_levels)
select
  count(*) filter (where l.id is null) as missing_license,
  count(*) filter (where p.id is null) as orphan_license,
  count(*) filter (where p.id is not null and l.id is not null and l.current_level <> p.current_level) as level_mismatch,
  count(*) filter (where p.id is not null and p.current_level is distinct from lv.level) as xp_level_mismatch,
  count(*) as pairs
from specialization_progress p
full join licenses l on l.user_id = p.student_id and l.specialization = p.specialization
left join lv on lv.specialization = p.specialization and p.total_xp >= lv.min_xp and p.total_xp < lv.next_min_xp`;

export interface BareCheckResult {
  pairs: number;
  inconsistent: number;
  byType: Record<'MISSING_LICENSE' | 'ORPHAN_LICENSE' | 'LEVEL_MISMATCH' | 'XP_LEVEL_MISMATCH', number>;
  durationMs: number;
}

export async function runBareCheck(databaseUrl: string): Promise<BareCheckResult> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const started = performance.now();
    const { rows } = await client.query<Record<string, string>>(BARE_CHECK_SQL);
    const durationMs = performance.now() - started;
    const r = rows[0]!;
    const byType = {
      MISSING_LICENSE: Number(r.missing_license),
      ORPHAN_LICENSE: Number(r.orphan_license),
      LEVEL_MISMATCH: Number(r.level_mismatch),
      XP_LEVEL_MISMATCH: Number(r.xp_level_mismatch),
    };
    return { pairs: Number(r.pairs), inconsistent: Object.values(byType).reduce((a, b) => a + b, 0), byType, durationMs };
  } finally {
    await client.end();
  }
}

/** Deadlocks PostgreSQL has detected in this database since its statistics were reset. */
export async function deadlockCount(databaseUrl: string): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ deadlocks: string }>('select deadlocks from pg_stat_database where datname = current_database()');
    return Number(rows[0]?.deadlocks ?? 0);
  } finally {
    await client.end();
  }
}
