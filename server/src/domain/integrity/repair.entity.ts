import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import type { Specialization } from '../shared/specialization';
import type { RepairTrigger } from './integrity.types';

/** Audit of one license (or progress) change made to restore the coupling invariant. */
@Entity({ tableName: 'repairs' })
export class Repair {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'integer', nullable: true })
  violationId?: number | null;

  @Property({ type: 'integer' })
  studentId!: number;

  @Property({ type: 'text' })
  specialization!: Specialization;

  @Property({ type: 'text' })
  trigger!: RepairTrigger;

  @Property({ type: 'integer', nullable: true })
  actorId?: number | null;

  @Property({ type: 'text', nullable: true })
  jobId?: string | null;

  @Property({ type: 'text' })
  action!: string;

  @Property({ type: 'json', nullable: true })
  before?: Record<string, unknown> | null;

  @Property({ type: 'json', nullable: true })
  after?: Record<string, unknown> | null;

  @Property({ type: 'Date', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
