import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import { SPECIALIZATIONS, type Specialization } from '../shared/specialization';
import { User } from '../users/user.entity';
import { REPAIR_TRIGGERS, type RepairTrigger } from './integrity.types';
import { Violation } from './violation.entity';

/** Audit of one license (or progress) change made to restore the coupling invariant. */
@Entity({ tableName: 'repairs' })
@Index({ name: 'repairs_created_at_idx', expression: 'create index repairs_created_at_idx on repairs (created_at desc)' })
@Index({ name: 'repairs_student_idx', properties: ['studentId', 'specialization'] })
@Index({ name: 'repairs_student_id_idx', properties: ['studentId', 'id'] })
export class Repair {
  @PrimaryKey({ type: 'integer', generated: 'by default as identity' })
  id!: number;

  @ManyToOne(() => Violation, {
    fieldName: 'violation_id',
    mapToPk: true,
    nullable: true,
    deleteRule: 'set null',
    cascade: [],
    foreignKeyName: 'repairs_violation_id_fkey',
  })
  violationId?: number | null;

  @ManyToOne(() => User, { fieldName: 'student_id', mapToPk: true, deleteRule: 'cascade', cascade: [], foreignKeyName: 'repairs_student_id_fkey' })
  studentId!: number;

  @Enum({ items: () => SPECIALIZATIONS })
  specialization!: Specialization;

  @Enum({ items: () => REPAIR_TRIGGERS })
  trigger!: RepairTrigger;

  @ManyToOne(() => User, {
    fieldName: 'actor_id',
    mapToPk: true,
    nullable: true,
    deleteRule: 'set null',
    cascade: [],
    foreignKeyName: 'repairs_actor_id_fkey',
  })
  actorId?: number | null;

  @Property({ type: 'text', nullable: true })
  jobId?: string | null;

  @Property({ type: 'text' })
  action!: string;

  @Property({ type: 'jsonb', nullable: true })
  before?: Record<string, unknown> | null;

  @Property({ type: 'jsonb', nullable: true })
  after?: Record<string, unknown> | null;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date & Opt = new Date();
}
