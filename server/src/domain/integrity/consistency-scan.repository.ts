import type { Orm } from '../database/database';
import { query, type Sql } from '../database/sql';
import type { LevelTable } from '../levels/level-table';

/** The student-id span a check covers: every pair, and every open violation (so vanished pairs resolve too). */
export interface ScanBounds {
  lo: number;
  hi: number;
}

export interface ChunkResult {
  pairs: number;
  inconsistent: number;
  opened: number;
  resolved: number;
}

/** Bit per violation type in the per-pair mask computed by the scan. */
const TYPE_BITS = `(values (1, 'LEVEL_MISMATCH'), (2, 'MISSING_LICENSE'), (4, 'ORPHAN_LICENSE'), (8, 'XP_LEVEL_MISMATCH'))`;

/**
 * One statement per student-id range, so PostgreSQL reads progress and licenses in ONE snapshot
 * (a pair the enforcer is updating is seen wholly before or wholly after: no false violations), and
 * does all the work itself: a merge full join of the two covering (student, specialization)
 * indexes (index-only scans), one aggregate that counts pairs and keeps only the broken ones as
 * arrays, then the violation upsert (open or refresh) and resolve. Only counters come back to Node.
 */
function chunkStatement(expectedLevel: string): string {
  return `
with pairs as (
  select coalesce(p.student_id, l.user_id) as student_id, coalesce(p.specialization, l.specialization) as specialization,
         p.total_xp, p.current_level as progress_level, l.current_level as license_level,
         (case when p.student_id is null then 4
               else (case when l.user_id is null then 2 when l.current_level <> p.current_level then 1 else 0 end)
                  | (case when p.current_level <> ${expectedLevel} then 8 else 0 end)
          end) as mask
  from (select student_id, specialization, total_xp, current_level from specialization_progress
        where student_id >= ? and student_id < ?) p
  full join (select user_id, specialization, current_level from licenses
             where user_id >= ? and user_id < ?) l
    on l.user_id = p.student_id and l.specialization = p.specialization
  offset 0 -- keeps this a subquery, so the mask is computed once per pair, not once per aggregate below
), summary as (
  select count(*)::int as pairs, count(*) filter (where mask <> 0)::int as inconsistent,
         array_agg(student_id) filter (where mask <> 0) as student_ids,
         array_agg(specialization) filter (where mask <> 0) as specializations,
         array_agg(mask) filter (where mask <> 0) as masks,
         array_agg(progress_level) filter (where mask <> 0) as progress_levels,
         array_agg(license_level) filter (where mask <> 0) as license_levels,
         array_agg(total_xp) filter (where mask <> 0) as total_xps
  from pairs
), found as materialized (
  select b.student_id, b.specialization, t.type, b.progress_level, b.license_level, b.total_xp
  from summary s
  cross join lateral unnest(s.student_ids, s.specializations, s.masks, s.progress_levels, s.license_levels, s.total_xps)
    as b(student_id, specialization, mask, progress_level, license_level, total_xp)
  join ${TYPE_BITS} as t(bit, type) on (b.mask & t.bit) <> 0
), upserted as (
  insert into violations as v (student_id, specialization, type, progress_level, license_level, total_xp,
                               first_seen_at, last_seen_at, first_run_id, last_run_id)
  select student_id, specialization, type, progress_level, license_level, total_xp, now(), now(), ?, ? from found
  on conflict (student_id, specialization, type) where resolved_at is null do update
    set progress_level = excluded.progress_level, license_level = excluded.license_level, total_xp = excluded.total_xp,
        last_seen_at = excluded.last_seen_at, last_run_id = excluded.last_run_id
  returning (v.xmax = 0) as inserted
), resolved as (
  -- Same snapshot as the upsert, disjoint rows: what this scan did not find in the range is gone.
  -- NOT IN over the (small) found set runs as one hashed subplan.
  update violations v set resolved_at = now()
  where v.resolved_at is null and v.student_id >= ? and v.student_id < ?
    and (v.student_id, v.specialization, v.type) not in (select student_id, specialization, type from found)
  returning 1
)
select s.pairs, s.inconsistent,
       (select count(*)::int from upserted where inserted) as opened,
       (select count(*)::int from resolved) as resolved,
       -- No fsync wait for this statement's commit: a crash can only lose chunks of a run that then
       -- never finishes, and the run's final (synchronous) commit flushes every chunk before it.
       set_config('synchronous_commit', 'off', true) as async_commit
from summary s`;
}

export class ConsistencyScanRepository {
  constructor(
    private readonly orm: Orm,
    private readonly levels: LevelTable,
  ) {}

  private get sql(): Sql {
    return this.orm.em;
  }

  async bounds(): Promise<ScanBounds | null> {
    const [row] = await query<{ lo: number | null; hi: number | null }>(
      this.sql,
      `select least((select min(student_id) from specialization_progress), (select min(user_id) from licenses),
                    (select min(student_id) from violations where resolved_at is null)) as lo,
              greatest((select max(student_id) from specialization_progress), (select max(user_id) from licenses),
                       (select max(student_id) from violations where resolved_at is null)) as hi`,
    );
    return row?.lo == null || row.hi == null ? null : { lo: row.lo, hi: row.hi };
  }

  /**
   * The chunk statement with the level table's thresholds inlined as constants: `width_bucket` over
   * the rising minimum XPs finds the level for any XP (capped at the top level) without a per-row
   * subquery, by the level table's own rule (`LevelTable.thresholds`).
   */
  prepareChunkStatement(): Promise<string> {
    const ints = (values: number[]) => values.map((v) => (Number.isInteger(v) ? String(v) : fail(v))).join(',');
    const cases = this.levels
      .specializations()
      .map((specialization) => {
        if (!/^[A-Z_]+$/.test(specialization)) fail(specialization);
        const { minXps, levels } = this.levels.thresholds(specialization);
        return `when '${specialization}' then ('{${ints(levels)}}'::int[])[width_bucket(p.total_xp, '{${ints(minXps)}}'::int[])]`;
      })
      .join(' ');
    return Promise.resolve(chunkStatement(cases ? `(case p.specialization ${cases} end)` : 'p.current_level'));
  }

  /** Scans students [lo, hi) and brings their violations up to date: one autocommit statement. */
  async scanChunk(statement: string, runId: number, lo: number, hi: number): Promise<ChunkResult> {
    const [row] = await query<ChunkResult>(this.sql, statement, [lo, hi, lo, hi, runId, runId, lo, hi]);
    return { pairs: row!.pairs, inconsistent: row!.inconsistent, opened: row!.opened, resolved: row!.resolved };
  }
}

function fail(value: unknown): never {
  throw new Error(`Unexpected value in the level table: ${String(value)}`);
}
