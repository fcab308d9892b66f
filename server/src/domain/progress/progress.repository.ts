import type { Knex } from '@mikro-orm/postgresql';
import type { Orm } from '../database/database';
import { query, type Sql } from '../database/sql';
import type { Specialization } from '../shared/specialization';
import { MAX_TOTAL_XP, type LicenseSnapshot, type ProgressSnapshot, type ProgressUpdate } from './progress.types';

// Timestamps arrive as text: MikroORM's pg setup turns off the driver's date parsing.
interface UpdateRow {
  id: number;
  student_id: number;
  specialization: Specialization;
  total_xp: number;
  current_level: number;
  updated_at: string;
  previous_level: number;
  license_id: number;
  license_level: number;
  max_achieved_level: number;
  license_updated_at: string;
}

/**
 * The coupling enforcer as one statement. Every writer locks the progress row first and the
 * license row second (here the license upsert reads the progress CTE, so it cannot run earlier),
 * which rules out deadlocks; XP is added in SQL, never written back from a value read before.
 * A missing license is issued on the spot and audited as a repair by the enforcer.
 */
const APPLY_XP = `
with old as (
  select id, current_level from specialization_progress
  where student_id = ? and specialization = ?
  for update
), p as (
  update specialization_progress sp
  set total_xp = sp.total_xp + ?,
      current_level = (select max(level) from specialization_levels sl
                       where sl.specialization = sp.specialization and sl.min_xp <= sp.total_xp + ?),
      updated_at = now()
  from old
  where sp.id = old.id and sp.total_xp + ? <= ${MAX_TOTAL_XP}
  returning sp.id, sp.student_id, sp.specialization, sp.total_xp, sp.current_level, sp.updated_at,
            old.current_level as previous_level
), l as (
  insert into licenses as li (user_id, specialization, current_level, max_achieved_level)
  select student_id, specialization, current_level, current_level from p
  on conflict (user_id, specialization) do update
    set current_level = excluded.current_level,
        max_achieved_level = greatest(li.max_achieved_level, excluded.current_level),
        updated_at = now()
  returning li.id, li.user_id, li.current_level, li.max_achieved_level, li.updated_at, (li.xmax = 0) as issued
), audit as (
  insert into repairs (student_id, specialization, trigger, action, before, after)
  select l.user_id, p.specialization, 'ENFORCER', 'LICENSE_ISSUED', null,
         jsonb_build_object('currentLevel', l.current_level, 'maxAchievedLevel', l.max_achieved_level)
  from l, p where l.issued
)
select p.*, l.id as license_id, l.current_level as license_level, l.max_achieved_level,
       l.updated_at as license_updated_at
from p, l`;

export type PairDiagnosis = 'UNKNOWN_STUDENT' | 'NOT_ASSIGNED' | 'XP_CEILING';

export class ProgressRepository {
  constructor(private readonly orm: Orm) {}

  get knex(): Knex {
    return this.orm.em.getKnex();
  }

  /** Adds XP and moves the license with it; undefined when no row matched (see `diagnose`). */
  async applyXp(sql: Sql, studentId: number, specialization: Specialization, xp: number): Promise<ProgressUpdate | undefined> {
    const [row] = await query<UpdateRow>(sql, APPLY_XP, [studentId, specialization, xp, xp, xp]);
    if (!row) return undefined;
    return {
      progress: {
        id: row.id,
        studentId: row.student_id,
        specialization: row.specialization,
        totalXp: row.total_xp,
        currentLevel: row.current_level,
        updatedAt: new Date(row.updated_at),
      },
      license: {
        id: row.license_id,
        userId: row.student_id,
        specialization: row.specialization,
        currentLevel: row.license_level,
        maxAchievedLevel: row.max_achieved_level,
        updatedAt: new Date(row.license_updated_at),
      },
      previousLevel: row.previous_level,
      leveledUp: row.current_level > row.previous_level,
    };
  }

  /** Why `applyXp` matched nothing. */
  async diagnose(studentId: number, specialization: Specialization): Promise<PairDiagnosis> {
    const [row] = await query<{ role: string | null; total_xp: number | null }>(
      this.knex,
      `select u.role, sp.total_xp from (select 1) one
       left join users u on u.id = ?
       left join specialization_progress sp on sp.student_id = u.id and sp.specialization = ?`,
      [studentId, specialization],
    );
    if (!row?.role) return 'UNKNOWN_STUDENT';
    if (row.total_xp === null) return 'NOT_ASSIGNED';
    return 'XP_CEILING';
  }

  /** Creates progress (0 XP, level 1) and license (level 1) together, or neither. */
  async assign(studentId: number, specialization: Specialization): Promise<ProgressSnapshot> {
    return this.knex.transaction(async (trx) => {
      const [progress] = await query<ProgressRowDb>(
        trx,
        `insert into specialization_progress (student_id, specialization) values (?, ?)
         returning id, student_id, specialization, total_xp, current_level, updated_at`,
        [studentId, specialization],
      );
      await query(trx, 'insert into licenses (user_id, specialization) values (?, ?)', [studentId, specialization]);
      return toProgress(progress!);
    });
  }

  async listForStudent(studentId: number): Promise<ProgressSnapshot[]> {
    const rows = await query<ProgressRowDb>(
      this.knex,
      `select id, student_id, specialization, total_xp, current_level, updated_at
       from specialization_progress where student_id = ? order by specialization`,
      [studentId],
    );
    return rows.map(toProgress);
  }

  async licensesForStudent(studentId: number): Promise<LicenseSnapshot[]> {
    const rows = await query<LicenseRowDb>(
      this.knex,
      `select id, user_id, specialization, current_level, max_achieved_level, updated_at
       from licenses where user_id = ? order by specialization`,
      [studentId],
    );
    return rows.map(toLicense);
  }
}

interface ProgressRowDb {
  id: number;
  student_id: number;
  specialization: Specialization;
  total_xp: number;
  current_level: number;
  updated_at: string;
}

interface LicenseRowDb {
  id: number;
  user_id: number;
  specialization: Specialization;
  current_level: number;
  max_achieved_level: number;
  updated_at: string;
}

const toProgress = (r: ProgressRowDb): ProgressSnapshot => ({
  id: r.id,
  studentId: r.student_id,
  specialization: r.specialization,
  totalXp: r.total_xp,
  currentLevel: r.current_level,
  updatedAt: new Date(r.updated_at),
});

const toLicense = (r: LicenseRowDb): LicenseSnapshot => ({
  id: r.id,
  userId: r.user_id,
  specialization: r.specialization,
  currentLevel: r.current_level,
  maxAchievedLevel: r.max_achieved_level,
  updatedAt: new Date(r.updated_at),
});
