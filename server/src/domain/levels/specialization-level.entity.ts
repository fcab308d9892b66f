import { Check, Entity, Enum, PrimaryKey, PrimaryKeyProp, Property, Unique } from '@mikro-orm/core';
import { SPECIALIZATIONS, type Specialization } from '../shared/specialization';

/**
 * The one table of XP thresholds. The enforcer's statement joins it; code reads it through
 * LevelTable; progress and licenses reference (specialization, level) so no row holds a level that
 * does not exist.
 */
@Entity({ tableName: 'specialization_levels' })
@Unique({ name: 'specialization_levels_specialization_min_xp_key', properties: ['specialization', 'minXp'] })
@Check({ name: 'specialization_levels_level_check', expression: '(level >= 1) AND (level <= 20)' })
@Check({ name: 'specialization_levels_min_xp_check', expression: 'min_xp >= 0' })
export class SpecializationLevel {
  [PrimaryKeyProp]?: ['specialization', 'level'];

  @Enum({ items: () => SPECIALIZATIONS, primary: true })
  specialization!: Specialization;

  @PrimaryKey({ type: 'smallint' })
  level!: number;

  @Property({ type: 'integer' })
  minXp!: number;

  @Property({ type: 'text' })
  title!: string;
}
