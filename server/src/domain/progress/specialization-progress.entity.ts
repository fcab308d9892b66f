import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import type { Specialization } from '../shared/specialization';

@Entity({ tableName: 'specialization_progress' })
@Unique({ properties: ['studentId', 'specialization'] })
export class SpecializationProgress {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'integer' })
  studentId!: number;

  @Property({ type: 'text' })
  specialization!: Specialization;

  @Property({ type: 'integer' })
  totalXp: number = 0;

  @Property({ type: 'smallint' })
  currentLevel: number = 1;

  @Property({ type: 'Date', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'Date', defaultRaw: 'now()' })
  updatedAt: Date = new Date();
}
