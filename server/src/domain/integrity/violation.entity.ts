import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { SPECIALIZATIONS, type Specialization } from '../shared/specialization';
import { User } from '../users/user.entity';
import { CheckRun } from './check-run.entity';
import { VIOLATION_TYPES, type ViolationType } from './integrity.types';

/**
 * A pair found breaking the coupling invariant. At most one open violation per (student,
 * specialization, type): later runs refresh it or resolve it. Each way the dashboard filters open
 * violations has a partial index yielding rows in id order. Every check rewrites each open
 * violation, so pages keep free room (fillfactor 70, set by migration) for HOT updates.
 */
@Entity({ tableName: 'violations' })
@Unique({
  name: 'violations_open_key',
  expression: 'create unique index violations_open_key on violations (student_id, specialization, type) where resolved_at is null',
})
@Index({ name: 'violations_student_idx', properties: ['studentId', 'id'] })
@Index({ name: 'violations_type_idx', expression: 'create index violations_type_idx on violations (type, id) where resolved_at is null' })
@Index({ name: 'violations_open_id_idx', expression: 'create index violations_open_id_idx on violations (id) where resolved_at is null' })
@Index({
  name: 'violations_open_specialization_idx',
  expression: 'create index violations_open_specialization_idx on violations (specialization, id) where resolved_at is null',
})
export class Violation {
  @PrimaryKey({ type: 'integer', generated: 'by default as identity' })
  id!: number;

  @ManyToOne(() => User, { fieldName: 'student_id', mapToPk: true, deleteRule: 'cascade', cascade: [], foreignKeyName: 'violations_student_id_fkey' })
  studentId!: number;

  @Enum({ items: () => SPECIALIZATIONS })
  specialization!: Specialization;

  @Enum({ items: () => VIOLATION_TYPES })
  type!: ViolationType;

  @Property({ type: 'smallint', nullable: true })
  progressLevel?: number | null;

  @Property({ type: 'smallint', nullable: true })
  licenseLevel?: number | null;

  @Property({ type: 'integer', nullable: true })
  totalXp?: number | null;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  firstSeenAt!: Date;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  lastSeenAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  resolvedAt?: Date | null;

  @ManyToOne(() => CheckRun, {
    fieldName: 'first_run_id',
    mapToPk: true,
    nullable: true,
    deleteRule: 'set null',
    cascade: [],
    foreignKeyName: 'violations_first_run_id_fkey',
  })
  firstRunId?: number | null;

  @ManyToOne(() => CheckRun, {
    fieldName: 'last_run_id',
    mapToPk: true,
    nullable: true,
    deleteRule: 'set null',
    cascade: [],
    foreignKeyName: 'violations_last_run_id_fkey',
  })
  lastRunId?: number | null;
}
