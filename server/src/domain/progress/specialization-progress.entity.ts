import { Check, Entity, ManyToOne, PrimaryKey, Property, Unique, type Opt } from '@mikro-orm/core';
import { SpecializationLevel } from '../levels/specialization-level.entity';
import type { Specialization } from '../shared/specialization';
import { User } from '../users/user.entity';

/**
 * One per (student, specialization). The unique constraint carries the columns the integrity scan
 * compares (INCLUDE), so the scan reads it index-only; `on conflict (student_id, specialization)`
 * infers it by its key columns.
 */
@Entity({ tableName: 'specialization_progress' })
@Unique({
  name: 'specialization_progress_student_id_specialization_key',
  expression: `alter table specialization_progress add constraint specialization_progress_student_id_specialization_key
    unique (student_id, specialization) include (current_level, total_xp)`,
})
@Check({ name: 'specialization_progress_total_xp_check', expression: '(total_xp >= 0) AND (total_xp <= 1000000000)' })
export class SpecializationProgress {
  @PrimaryKey({ type: 'integer', generated: 'by default as identity' })
  id!: number;

  @ManyToOne(() => User, { fieldName: 'student_id', mapToPk: true, deleteRule: 'cascade', cascade: [], foreignKeyName: 'specialization_progress_student_id_fkey' })
  studentId!: number;

  /** The level row the current level must exist in (shares both columns with the
   * properties below, declared after it so that their column definitions, defaults included, win). */
  @ManyToOne(() => SpecializationLevel, {
    fieldNames: ['specialization', 'current_level'],
    cascade: [],
    foreignKeyName: 'specialization_progress_specialization_current_level_fkey',
    hidden: true,
  })
  level?: SpecializationLevel & Opt;

  @Property({ type: 'text' })
  specialization!: Specialization;

  @Property({ type: 'integer', default: 0 })
  totalXp: number & Opt = 0;

  @Property({ type: 'smallint', default: 1 })
  currentLevel: number & Opt = 1;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date & Opt = new Date();

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  updatedAt: Date & Opt = new Date();
}
