import type { Orm } from '../database/database';
import { query, type Sql } from '../database/sql';
import type { LevelTable } from '../levels/level-table';
import type { ViolationRecord } from './violation.repository';

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
  /** Pairs whose violation this chunk opened or resolved with no captured change waiting: live detection missed them. */
  missedByLiveDetection: number;
  /** Up to 10 of them, `studentId:SPECIALIZATION`. */
  missedSample: string[];
}

/** What one incremental batch did. */
export interface ChangedPairsResult {
  /** Captured changes claimed (several may name one pair). */
  changes: number;
  /** Distinct pairs checked. */
  pairs: number;
  /** Of those, how many break the rule. */
  inconsistent: number;
  /** The oldest claimed change: detection lag is measured from it. */
  oldestChangeAt: Date | null;
  /** Violations this batch opened. */
  opened: ViolationRecord[];
  /** Open violations it found again (their levels refreshed). */
  refreshed: number;
  /** Violations it resolved. */
  resolvedIds: number[];
}

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
function chunkStatement(expectedLevel: string): string {
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
function changedPairsStatement(expectedLevel: string): string {
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

  /** The sweep's chunk statement (see `expectedLevel`). */
  prepareChunkStatement(): Promise<string> {
    return Promise.resolve(chunkStatement(this.expectedLevel()));
  }

  /** The incremental check's statement, with the same rule and constants as the chunk statement. */
  prepareChangedPairsStatement(): Promise<string> {
    return Promise.resolve(changedPairsStatement(this.expectedLevel()));
  }

  /**
   * Scans students [lo, hi) and brings their violations up to date. Its own transaction, which
   * waits for an incremental batch in flight (see `serialized`).
   */
  async scanChunk(statement: string, runId: number, lo: number, hi: number): Promise<ChunkResult> {
    const row = await this.serialized('shared', (trx) => query<ChunkRow>(trx, statement, [lo, hi, lo, hi, runId, runId, lo, hi]));
    return {
      pairs: row.pairs,
      inconsistent: row.inconsistent,
      opened: row.opened,
      resolved: row.resolved,
      missedByLiveDetection: row.missed,
      missedSample: row.missed_sample,
    };
  }

  /**
   * Claims up to `limit` captured changes (oldest first) and checks their pairs: one transaction,
   * so a checker that dies mid-batch leaves its changes for the next one.
   */
  async checkChangedPairs(statement: string, limit: number): Promise<ChangedPairsResult> {
    const row = await this.serialized('exclusive', (trx) => query<ChangedPairsRow>(trx, statement, [limit, null, null]));
    return {
      changes: row.changes,
      pairs: row.pairs,
      inconsistent: row.inconsistent,
      oldestChangeAt: row.oldest_change_at === null ? null : new Date(row.oldest_change_at),
      opened: row.opened.map(violationFromJson),
      refreshed: row.refreshed,
      resolvedIds: row.resolved.map(Number),
    };
  }

  /**
   * Sweep chunks (shared) and incremental batches (exclusive) take turns on one transaction-level
   * advisory lock, taken before their statement's snapshot. Without it, a chunk that read a pair
   * before a fix committed could re-open, after the incremental batch resolved it, a violation that
   * no waiting change would ever revisit.
   */
  private async serialized<T>(mode: 'shared' | 'exclusive', run: (trx: Sql) => Promise<T[]>): Promise<T> {
    return this.sql.transactional(async (trx) => {
      await query(trx, `select ${mode === 'shared' ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock'}(?, ?)`, SCAN_LOCK);
      const [row] = await run(trx);
      return row!;
    });
  }

  /**
   * The level for `p.total_xp` with the level table's thresholds inlined as constants: `width_bucket`
   * over the rising minimum XPs finds the level for any XP (capped at the top level) without a
   * per-row subquery, by the level table's own rule (`LevelTable.thresholds`).
   */
  private expectedLevel(): string {
    const ints = (values: number[]) => values.map((v) => (Number.isInteger(v) ? String(v) : fail(v))).join(',');
    const cases = this.levels
      .specializations()
      .map((specialization) => {
        if (!/^[A-Z_]+$/.test(specialization)) fail(specialization);
        const { minXps, levels } = this.levels.thresholds(specialization);
        return `when '${specialization}' then ('{${ints(levels)}}'::int[])[width_bucket(p.total_xp, '{${ints(minXps)}}'::int[])]`;
      })
      .join(' ');
    return cases ? `(case p.specialization ${cases} end)` : 'p.current_level';
  }
}

/** The advisory lock of `serialized` (two-int form: class, object). */
const SCAN_LOCK = [7_310_424, 3] as const;

interface ChunkRow {
  pairs: number;
  inconsistent: number;
  opened: number;
  resolved: number;
  missed: number;
  missed_sample: string[];
}

interface ChangedPairsRow {
  changes: number;
  pairs: number;
  inconsistent: number;
  oldest_change_at: string | Date | null;
  opened: Array<Omit<ViolationRecord, 'firstSeenAt' | 'lastSeenAt' | 'resolvedAt'> & { firstSeenAt: string; lastSeenAt: string; resolvedAt: string | null }>;
  refreshed: number;
  resolved: Array<number | string>;
}

const violationFromJson = (v: ChangedPairsRow['opened'][number]): ViolationRecord => ({
  ...v,
  firstSeenAt: new Date(v.firstSeenAt),
  lastSeenAt: new Date(v.lastSeenAt),
  resolvedAt: v.resolvedAt === null ? null : new Date(v.resolvedAt),
});

function fail(value: unknown): never {
  throw new Error(`Unexpected value in the level table: ${String(value)}`);
}
