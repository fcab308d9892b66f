import type { Orm } from '../database/database';
import { preparedStatement, query, type PreparedStatement, type Sql } from '../database/sql';
import type { LevelTable } from '../levels/level-table';
import { changedPairsStatement, chunkStatement } from './consistency-statements';
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

  /**
   * The incremental check's statement, with the same rule and constants as the chunk statement.
   * Prepared: the live checker runs it batch after batch while writes come in. (The chunk statement
   * is not: it runs a few times per sweep, where planning is a small share of scanning a range, and
   * a generic plan for its id ranges could not know how many students each range holds.)
   */
  prepareChangedPairsStatement(): Promise<PreparedStatement> {
    return Promise.resolve(preparedStatement('levelsync_check_changed_pairs', changedPairsStatement(this.expectedLevel())));
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
  async checkChangedPairs(statement: PreparedStatement, limit: number): Promise<ChangedPairsResult> {
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
