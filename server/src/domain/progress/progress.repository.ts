import type { Orm } from '../database/database';
import { entityData } from '../database/entity-rows';
import { preparedStatement, query, type Sql } from '../database/sql';
import { SpecializationLevel } from '../levels/specialization-level.entity';
import { CONSISTENT_WRITER_CTE, recheckIfWatchedCte } from '../live/consistent-writes';
import type { Specialization } from '../shared/specialization';
import { License } from './license.entity';
import { MAX_TOTAL_XP, type LicenseSnapshot, type ProgressSnapshot, type ProgressUpdate } from './progress.types';
import { SpecializationProgress } from './specialization-progress.entity';

/**
 * What the enforcer's statement returns, as the driver hands it over (timestamps as text). It is
 * also what an idempotency record stores, so a replay reads it exactly as the first answer was read.
 */
export interface AppliedXpRow {
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
 * A missing license is issued on the spot and audited as a repair by the enforcer. Live detection:
 * the statement marks its transaction a consistent writer (`consistent_writer`), whose writes the
 * change capture skips, and records its pair only if a check still needs it (`live_recheck`); see
 * live/consistent-writes.ts.
 */
export const APPLY_XP = preparedStatement('levelsync_apply_xp', `
with ${CONSISTENT_WRITER_CTE}, old as (
  select id, current_level from specialization_progress, consistent_writer
  where student_id = ? and specialization = ?
  for update of specialization_progress
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
), ${recheckIfWatchedCte('p')}, audit as (
  insert into repairs (student_id, specialization, trigger, action, before, after)
  select l.user_id, p.specialization, 'ENFORCER', 'LICENSE_ISSUED', null,
         jsonb_build_object('currentLevel', l.current_level, 'maxAchievedLevel', l.max_achieved_level)
  from l, p where l.issued
)
select p.*, l.id as license_id, l.current_level as license_level, l.max_achieved_level,
       l.updated_at as license_updated_at
from p, l`);

export type PairDiagnosis = 'UNKNOWN_STUDENT' | 'NOT_A_STUDENT' | 'NOT_ASSIGNED' | 'XP_CEILING';

export class ProgressRepository {
  constructor(private readonly orm: Orm) {}

  /** The unit of work's EntityManager; `em.transactional` on it joins the enforcer to an idempotency claim. */
  get em(): Sql {
    return this.orm.em;
  }

  /** Adds XP and moves the license with it; undefined when no row matched (see `diagnose`). */
  async applyXp(sql: Sql, studentId: number, specialization: Specialization, xp: number): Promise<AppliedXpRow | undefined> {
    const [row] = await query<AppliedXpRow>(sql, APPLY_XP, [studentId, specialization, xp, xp, xp]);
    return row;
  }

  /** The enforcer's answer (fresh, or replayed from its idempotency record) through the entities' mapping. */
  toUpdate(row: AppliedXpRow): ProgressUpdate {
    const progress = entityData(this.em, SpecializationProgress, {
      id: row.id,
      student_id: row.student_id,
      specialization: row.specialization,
      total_xp: row.total_xp,
      current_level: row.current_level,
      updated_at: row.updated_at,
    });
    const license = entityData(this.em, License, {
      id: row.license_id,
      user_id: row.student_id,
      specialization: row.specialization,
      current_level: row.license_level,
      max_achieved_level: row.max_achieved_level,
      updated_at: row.license_updated_at,
    });
    return {
      progress: progressSnapshot(progress as SpecializationProgress),
      license: licenseSnapshot(license as License),
      previousLevel: row.previous_level,
      leveledUp: row.current_level > row.previous_level,
    };
  }

  /** Why `applyXp` matched nothing. */
  async diagnose(studentId: number, specialization: Specialization): Promise<PairDiagnosis> {
    const [row] = await query<{ role: string | null; total_xp: number | null }>(
      this.em,
      `select u.role, sp.total_xp from (select 1) one
       left join users u on u.id = ?
       left join specialization_progress sp on sp.student_id = u.id and sp.specialization = ?`,
      [studentId, specialization],
    );
    if (!row?.role) return 'UNKNOWN_STUDENT';
    if (row.total_xp === null) return row.role === 'STUDENT' ? 'NOT_ASSIGNED' : 'NOT_A_STUDENT';
    return 'XP_CEILING';
  }

  /**
   * Creates progress (0 XP, level 1) and license (level 1) together, or neither. Progress is
   * flushed first, so an existing pair reports its progress key and a lone license its own.
   */
  async assign(studentId: number, specialization: Specialization): Promise<ProgressSnapshot> {
    return this.em.transactional(async (em) => {
      const first = em.getReference(SpecializationLevel, [specialization, 1]);
      const progress = em.create(SpecializationProgress, { studentId, specialization, level: first });
      await em.flush();
      em.create(License, { userId: studentId, specialization, level: first, maxAchieved: first });
      await em.flush();
      return progressSnapshot(progress);
    });
  }

  async listForStudent(studentId: number): Promise<ProgressSnapshot[]> {
    const rows = await this.em.find(SpecializationProgress, { studentId }, { orderBy: { specialization: 'asc' } });
    return rows.map(progressSnapshot);
  }

  async licensesForStudent(studentId: number): Promise<LicenseSnapshot[]> {
    const rows = await this.em.find(License, { userId: studentId }, { orderBy: { specialization: 'asc' } });
    return rows.map(licenseSnapshot);
  }
}

const progressSnapshot = (p: SpecializationProgress): ProgressSnapshot => ({
  id: p.id,
  studentId: p.studentId,
  specialization: p.specialization,
  totalXp: p.totalXp,
  currentLevel: p.currentLevel,
  updatedAt: p.updatedAt,
});

const licenseSnapshot = (l: License): LicenseSnapshot => ({
  id: l.id,
  userId: l.userId,
  specialization: l.specialization,
  currentLevel: l.currentLevel,
  maxAchievedLevel: l.maxAchievedLevel,
  updatedAt: l.updatedAt,
});
