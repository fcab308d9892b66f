import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import type { Specialization } from '../shared/specialization';

@Entity({ tableName: 'licenses' })
@Unique({ properties: ['userId', 'specialization'] })
export class License {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'integer' })
  userId!: number;

  @Property({ type: 'text' })
  specialization!: Specialization;

  @Property({ type: 'smallint' })
  currentLevel: number = 1;

  @Property({ type: 'smallint' })
  maxAchievedLevel: number = 1;

  @Property({ type: 'Date', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'Date', defaultRaw: 'now()' })
  updatedAt: Date = new Date();
}
