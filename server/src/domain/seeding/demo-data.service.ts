import type { PasswordHasher } from '../auth/password-hasher';
import { query, type Sql } from '../database/sql';
import { VIOLATION_TYPES, type ViolationType } from '../integrity/integrity.types';
import { withForeignKeysDeferredToEnd } from './bulk-load';

export const DEMO_STUDENT_PASSWORD = 'levelsync-demo-student';
export const DEMO_EMAIL_DOMAIN = 'demo.levelsync.local';
/** Zero-padded numbers keep emails in insertion order, so the email index grows at its right edge. */
const NUMBER_WIDTH = 8;
const MAX_STUDENT_NUMBER = 10 ** NUMBER_WIDTH - 1;

export interface SeedOptions {
  /** How many students to append. */
  students: number;
  /** Fraction of (student, specialization) pairs to desync, 0..1, spread evenly over the violation types. */
  desyncRate: number;
}

export interface SeedResult {
  firstStudentNumber: number;
  lastStudentNumber: number;
  studentsCreated: number;
  pairs: number;
  desynced: Record<ViolationType, number>;
  durationMs: number;
}

/** Share of students holding each specialization (every student plays). */
const SPECIALIZATION_MIX = `(values ('PLAYER', 1.0), ('COACH', 0.5), ('INTERNSHIP', 0.3)) as mix (specialization, share)`;
const SEED_LOCK_KEY = 7_310_424_002;

export function demoStudentEmail(n: number): string {
  return `student-${String(n).padStart(NUMBER_WIDTH, '0')}@${DEMO_EMAIL_DOMAIN}`;
}

/**
 * Generates demo students with progress and licenses entirely inside PostgreSQL (set-based
 * `insert … select … from generate_series`), so a million students take seconds, not hours.
 * Students are appended after the highest existing `student-<n>@demo…` number, so seeding twice
 * adds more. Desynced pairs are picked by a fixed stride over the pairs, which makes their number
 * exact (floor(pairs × rate)) and their types evenly spread.
 */
export class DemoDataService {
  constructor(
    private readonly em: Sql,
    private readonly hasher: PasswordHasher,
  ) {}

  async seed(options: SeedOptions): Promise<SeedResult> {
    const students = options.students;
    if (!Number.isInteger(students) || students < 0) throw new RangeError('students must be a non-negative integer');
    if (!(options.desyncRate >= 0 && options.desyncRate <= 1)) throw new RangeError('desync rate must be between 0 and 1');
    const started = Date.now();
    // One hash for everyone: argon2id per student would cost ~50 ms each.
    const passwordHash = await this.hasher.hash(DEMO_STUDENT_PASSWORD);
    const planned = await this.em.transactional(async (trx) => {
      await query(trx, 'select pg_advisory_xact_lock(?)', [SEED_LOCK_KEY]);
      // Demo data can be regenerated; waiting for the WAL flush buys nothing here.
      await query(trx, 'set local synchronous_commit = off');
      await query(trx, "set local work_mem = '256MB'");
      await query(trx, "set local maintenance_work_mem = '256MB'");
      const first = (await this.lastStudentNumber(trx)) + 1;
      if (first + students - 1 > MAX_STUDENT_NUMBER) throw new RangeError(`student numbers end at ${MAX_STUDENT_NUMBER}`);
      if (students === 0) return { first, faults: [] };
      const idBase = await this.reserveUserIds(trx, students);
      await this.insertStudents(trx, idBase, first, students, passwordHash);
      const faults = await withForeignKeysDeferredToEnd(trx, ['specialization_progress', 'licenses'], () =>
        this.insertPairs(trx, idBase, first, students, options.desyncRate),
      );
      return { first, faults };
    });
    // Fresh statistics so the first integrity check plans its joins on the real sizes.
    if (students > 0) await query(this.em, 'analyze users, specialization_progress, licenses');
    const desynced = Object.fromEntries(VIOLATION_TYPES.map((t) => [t, 0])) as Record<ViolationType, number>;
    let pairs = 0;
    for (const row of planned.faults) {
      pairs += Number(row.count);
      if (row.fault) desynced[row.fault] = Number(row.count);
    }
    return {
      firstStudentNumber: planned.first,
      lastStudentNumber: planned.first + students - 1,
      studentsCreated: students,
      pairs,
      desynced,
      durationMs: Date.now() - started,
    };
  }

  private async lastStudentNumber(trx: Sql): Promise<number> {
    const [row] = await query<{ last: string | null }>(
      trx,
      `select max(substring(email from '^student-([0-9]+)@')::bigint) as last from users where email like ?`,
      [`student-%@${DEMO_EMAIL_DOMAIN}`],
    );
    return Number(row?.last ?? 0);
  }

  /**
   * Takes a contiguous block of user ids, so pairs can be derived from the series arithmetically
   * instead of reading the inserted rows back. The lock keeps concurrent sign-ups (reads are not
   * blocked) from drawing ids out of the block meanwhile.
   */
  private async reserveUserIds(trx: Sql, count: number): Promise<number> {
    await query(trx, 'lock table users in share row exclusive mode');
    const [row] = await query<{ base: string }>(
      trx,
      `with seq as (select pg_get_serial_sequence('users', 'id') as name),
            base as (select greatest(coalesce((select max(id) from users), 0),
                                     coalesce(pg_sequence_last_value((select name from seq)::regclass), 0)) as value)
       select setval((select name from seq), (select value from base) + ?) - ? as base`,
      [count, count],
    );
    return Number(row!.base);
  }

  private async insertStudents(trx: Sql, idBase: number, first: number, count: number, hash: string): Promise<void> {
    await query(
      trx,
      `insert into users (id, email, password_hash, full_name, role)
       select ?::bigint + i, 'student-' || lpad((?::bigint + i - 1)::text, ${NUMBER_WIDTH}, '0') || '@${DEMO_EMAIL_DOMAIN}', ?,
              'Demo Student ' || (?::bigint + i - 1), 'STUDENT'
       from generate_series(1, ?::bigint) as i`,
      [idBase, first, hash, first, count],
    );
  }

  /**
   * One pass: plan every (student, specialization) pair with a level and an XP inside that level's
   * band, plant the faults, insert progress and licenses from the same plan, and count the faults.
   * Pair k is desynced when floor(k·rate) steps up; the step number picks the type in turn.
   */
  private insertPairs(trx: Sql, idBase: number, first: number, count: number, rate: number) {
    const types = `array[${VIOLATION_TYPES.map((t) => `'${t}'`).join(', ')}]`;
    // A neighbouring level that exists for the specialization: one up, or one down at the top.
    const wrongLevel = `(case when level < max_level then level + 1 else level - 1 end)::smallint`;
    return query<{ fault: ViolationType | null; count: string }>(
      trx,
      `with bands as (
         select specialization, level, min_xp, max(level) over (partition by specialization) as max_level,
                coalesce(lead(min_xp) over (partition by specialization order by level), (min_xp * 1.2)::int) - min_xp as span
         from specialization_levels),
       picked as (
         select ?::bigint + i as student_id, mix.specialization, row_number() over () as k,
                random() as level_draw, random() as xp_draw
         from generate_series(1, ?::bigint) as i
         cross join ${SPECIALIZATION_MIX}
         -- a hash of the pair, not random(): the planner would evaluate random() once per mix row
         where (hashtextextended(mix.specialization || ':' || (?::bigint + i - 1), 0) & 1023) < mix.share * 1024),
       pairs as materialized (
         select p.student_id, p.specialization, b.level::smallint as level, b.max_level,
                b.min_xp + floor(p.xp_draw * b.span)::integer as xp,
                case when floor(p.k * ?::numeric) > floor((p.k - 1) * ?::numeric)
                     then (${types})[(floor(p.k * ?::numeric)::bigint % 4) + 1] end as fault
         from picked p
         join bands b on b.specialization = p.specialization
                     and b.level = 1 + floor(p.level_draw * b.max_level)::integer),
       progress as (
         insert into specialization_progress (student_id, specialization, total_xp, current_level)
         select student_id, specialization, xp, case when fault = 'XP_LEVEL_MISMATCH' then ${wrongLevel} else level end
         from pairs where fault is distinct from 'ORPHAN_LICENSE'),
       licence as (
         insert into licenses (user_id, specialization, current_level, max_achieved_level)
         select student_id, specialization, licence_level, greatest(licence_level, level)
         from (select student_id, specialization, level,
                      case when fault in ('LEVEL_MISMATCH', 'XP_LEVEL_MISMATCH') then ${wrongLevel} else level end as licence_level
               from pairs where fault is distinct from 'MISSING_LICENSE') planned)
       select fault, count(*) as count from pairs group by fault`,
      [idBase, count, first, rate, rate, rate],
    );
  }
}
