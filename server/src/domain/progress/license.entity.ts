import { Check, Entity, ManyToOne, PrimaryKey, Property, Unique, type Opt } from '@mikro-orm/core';
import { SpecializationLevel } from '../levels/specialization-level.entity';
import type { Specialization } from '../shared/specialization';
import { User } from '../users/user.entity';

/** One per (user, specialization); its level moves with the progress level (the coupling invariant). */
@Entity({ tableName: 'licenses' })
@Unique({
  name: 'licenses_user_id_specialization_key',
  expression: `alter table licenses add constraint licenses_user_id_specialization_key
    unique (user_id, specialization) include (current_level)`,
})
@Check({ name: 'licenses_check', expression: 'max_achieved_level >= current_level' })
export class License {
  @PrimaryKey({ type: 'integer', generated: 'by default as identity' })
  id!: number;

  @ManyToOne(() => User, { fieldName: 'user_id', mapToPk: true, deleteRule: 'cascade', cascade: [], foreignKeyName: 'licenses_user_id_fkey' })
  userId!: number;

  /** The level rows both levels must exist in (each shares its columns with the
   * properties below, declared after them so that their column definitions, defaults included, win). */
  @ManyToOne(() => SpecializationLevel, {
    fieldNames: ['specialization', 'current_level'],
    cascade: [],
    foreignKeyName: 'licenses_specialization_current_level_fkey',
    hidden: true,
  })
  level?: SpecializationLevel & Opt;

  @ManyToOne(() => SpecializationLevel, {
    fieldNames: ['specialization', 'max_achieved_level'],
    cascade: [],
    foreignKeyName: 'licenses_specialization_max_achieved_level_fkey',
    hidden: true,
  })
  maxAchieved?: SpecializationLevel & Opt;

  @Property({ type: 'text' })
  specialization!: Specialization;

  @Property({ type: 'smallint', default: 1 })
  currentLevel: number & Opt = 1;

  @Property({ type: 'smallint', default: 1 })
  maxAchievedLevel: number & Opt = 1;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date & Opt = new Date();

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  updatedAt: Date & Opt = new Date();
}
