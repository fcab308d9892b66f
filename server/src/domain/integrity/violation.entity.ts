import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import type { Specialization } from '../shared/specialization';
import type { ViolationType } from './integrity.types';

@Entity({ tableName: 'violations' })
export class Violation {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'integer' })
  studentId!: number;

  @Property({ type: 'text' })
  specialization!: Specialization;

  @Property({ type: 'text' })
  type!: ViolationType;

  @Property({ type: 'smallint', nullable: true })
  progressLevel?: number | null;

  @Property({ type: 'smallint', nullable: true })
  licenseLevel?: number | null;

  @Property({ type: 'integer', nullable: true })
  totalXp?: number | null;

  @Property({ type: 'Date' })
  firstSeenAt!: Date;

  @Property({ type: 'Date' })
  lastSeenAt!: Date;

  @Property({ type: 'Date', nullable: true })
  resolvedAt?: Date | null;

  @Property({ type: 'integer', nullable: true })
  firstRunId?: number | null;

  @Property({ type: 'integer', nullable: true })
  lastRunId?: number | null;
}
