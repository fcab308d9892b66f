import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import type { Specialization } from '../shared/specialization';

/** The one table of XP thresholds; the coupling enforcer and the integrity check both read it in SQL. */
@Entity({ tableName: 'specialization_levels' })
export class SpecializationLevel {
  @PrimaryKey({ type: 'text' })
  specialization!: Specialization;

  @PrimaryKey({ type: 'smallint' })
  level!: number;

  @Property({ type: 'integer' })
  minXp!: number;

  @Property({ type: 'text' })
  title!: string;
}
