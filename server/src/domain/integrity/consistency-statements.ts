/**
 * The consistency check's SQL: THE coupling rule (`violationMask`) and what opens, refreshes and
 * resolves violations, composed into the two statements that use them — the sweep's chunk over a
 * student-id range, and the incremental check over captured changes. One definition serves both.
 * Run by ConsistencyScanRepository.
 */

/** Bit per violation type in the per-pair mask computed by the rule. */
const TYPE_BITS = `(values (1, 'LEVEL_MISMATCH'), (2, 'MISSING_LICENSE'), (4, 'ORPHAN_LICENSE'), (8, 'XP_LEVEL_MISMATCH'))`;

/**
 * THE coupling rule, for the full sweep and the incremental check alike: a bit per violation type
 * the pair breaks, over `p` (its progress row, nulls when absent) and `l` (its license row, nulls
 * when absent); `expectedLevel` is the level for `p.total_xp`.
 */
function violationMask(expectedLevel: string): string {
  return `(case when p.student_id is null then 4
               else (case when l.user_id is null then 2 when l.current_level <> p.current_level then 1 else 0 end)
                  | (case when p.current_level <> ${expectedLevel} then 8 else 0 end)
          end)`;
}

/** The violations a set of broken pairs `b` (student_id, specialization, mask, levels, XP) stands for, one row per type. */
function violationsOf(brokenPairs: string): string {
  return `select b.student_id, b.specialization, t.type, b.progress_level, b.license_level, b.total_xp
  from ${brokenPairs}
  join ${TYPE_BITS} as t(bit, type) on (b.mask & t.bit) <> 0`;
}

/** Opens (or refreshes) one violation per row of `found`, stamped with the run ids bound at `?, ?` (null outside a run). */
function upsertViolations(returning: string): string {
  return `insert into violations as v (student_id, specialization, type, progress_level, license_level, total_xp,
                               first_seen_at, last_seen_at, first_run_id, last_run_id)
  select student_id, specialization, type, progress_level, license_level, total_xp, now(), now(), ?::int, ?::int from found
  on conflict (student_id, specialization, type) where resolved_at is null do update
    set progress_level = excluded.progress_level, license_level = excluded.license_level, total_xp = excluded.total_xp,
        last_seen_at = excluded.last_seen_at, last_run_id = coalesce(excluded.last_run_id, v.last_run_id)
  returning ${returning}`;
}

/**
 * What the incremental path left for the sweep: pairs whose violation the sweep opened or resolved
 * although no captured change of theirs waits to be checked. Counted, with a sample for the log.
 */
const MISSED_BY_LIVE_DETECTION = `missed as (
  select m.student_id, m.specialization from (
    select student_id, specialization from upserted where inserted
    union select student_id, specialization from resolved) m
  where not exists (select 1 from pair_changes c where c.student_id = m.student_id and c.specialization = m.specialization)
)`;

/**
 * One statement per student-id range, so PostgreSQL reads progress and licenses in ONE snapshot
 * (a pair the enforcer is updating is seen wholly before or wholly after: no false violations), and
 * does all the work itself: a merge full join of the two covering (student, specialization)
 * indexes (index-only scans), one aggregate that counts pairs and keeps only the broken ones as
 * arrays, then the violation upsert (open or refresh) and resolve. Only counters come back to Node.
 */
export function chunkStatement(expectedLevel: string): string {
  return `
with pairs as (
  select coalesce(p.student_id, l.user_id) as student_id, coalesce(p.specialization, l.specialization) as specialization,
         p.total_xp, p.current_level as progress_level, l.current_level as license_level,
         ${violationMask(expectedLevel)} as mask
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
  ${violationsOf(`summary s
  cross join lateral unnest(s.student_ids, s.specializations, s.masks, s.progress_levels, s.license_levels, s.total_xps)
    as b(student_id, specialization, mask, progress_level, license_level, total_xp)`)}
), upserted as (
  ${upsertViolations('(v.xmax = 0) as inserted, v.student_id, v.specialization')}
), resolved as (
  -- Same snapshot as the upsert, disjoint rows: what this scan did not find in the range is gone.
  -- NOT IN over the (small) found set runs as one hashed subplan.
  update violations v set resolved_at = now()
  where v.resolved_at is null and v.student_id >= ? and v.student_id < ?
    and (v.student_id, v.specialization, v.type) not in (select student_id, specialization, type from found)
  returning v.student_id, v.specialization
), ${MISSED_BY_LIVE_DETECTION}
select s.pairs, s.inconsistent,
       (select count(*)::int from upserted where inserted) as opened,
       (select count(*)::int from resolved) as resolved,
       (select count(*)::int from missed) as missed,
       (select coalesce(array_agg(m.student_id || ':' || m.specialization), '{}') from (select * from missed limit 10) m) as missed_sample,
       -- No fsync wait for this statement's commit: a crash can only lose chunks of a run that then
       -- never finishes, and the run's final (synchronous) commit flushes every chunk before it.
       set_config('synchronous_commit', 'off', true) as async_commit
from summary s`;
}

/**
 * The incremental check: claims the oldest captured changes (deleting them, so the claim and the
 * check commit or roll back together), checks exactly their pairs with the same rule, opens or
 * refreshes what is broken and resolves what is not, all in one snapshot. A change committed after
 * that snapshot is not claimed: the next batch checks it against what it wrote.
 */
export function changedPairsStatement(expectedLevel: string): string {
  return `
with claimed as (
  delete from pair_changes c
  using (select id from pair_changes order by id limit ? for update skip locked) batch
  where c.id = batch.id
  returning c.student_id, c.specialization, c.changed_at
), keys as (
  select student_id, specialization, min(changed_at) as changed_at from claimed group by student_id, specialization
), pairs as (
  select k.student_id, k.specialization, p.total_xp, p.current_level as progress_level, l.current_level as license_level,
         ${violationMask(expectedLevel)} as mask
  from keys k
  left join specialization_progress p on p.student_id = k.student_id and p.specialization = k.specialization
  left join licenses l on l.user_id = k.student_id and l.specialization = k.specialization
  where p.student_id is not null or l.user_id is not null
), found as materialized (
  ${violationsOf('pairs b')}
), upserted as (
  ${upsertViolations('v.*, (v.xmax = 0) as inserted')}
), resolved as (
  update violations v set resolved_at = now()
  from keys k
  where v.resolved_at is null and v.student_id = k.student_id and v.specialization = k.specialization
    and (v.student_id, v.specialization, v.type) not in (select student_id, specialization, type from found)
  returning v.id
)
select (select count(*)::int from claimed) as changes,
       (select count(*)::int from keys) as pairs,
       (select count(*)::int from pairs where mask <> 0) as inconsistent,
       (select min(changed_at) from keys) as oldest_change_at,
       (select coalesce(json_agg(json_build_object(
          'id', id, 'studentId', student_id, 'specialization', specialization, 'type', type,
          'progressLevel', progress_level, 'licenseLevel', license_level, 'totalXp', total_xp,
          'firstSeenAt', first_seen_at, 'lastSeenAt', last_seen_at, 'resolvedAt', resolved_at,
          'firstRunId', first_run_id, 'lastRunId', last_run_id) order by id), '[]')
        from upserted where inserted) as opened,
       (select count(*)::int from upserted where not inserted) as refreshed,
       (select coalesce(array_agg(id order by id), '{}') from resolved) as resolved`;
}
