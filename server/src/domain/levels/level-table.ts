import type { Orm } from '../database/database';
import type { Specialization } from '../shared/specialization';
import { SpecializationLevel } from './specialization-level.entity';

export interface LevelRow {
  specialization: Specialization;
  level: number;
  minXp: number;
  title: string;
}

/** A specialization's thresholds by rising minimum XP, each with the level reached at it. */
export interface LevelThresholds {
  minXps: number[];
  levels: number[];
}

/**
 * The XP thresholds live in one table (`specialization_levels`). The level for an XP is the
 * highest level whose minimum XP it reaches: the enforcer's statement joins the table for it, and
 * this copy (loaded once at start) is the rule for code, including the thresholds the consistency
 * scan inlines into its statement. Levels are the running maximum over rising minimum XPs, which is
 * the same rule written as a lookup.
 */
export class LevelTable {
  private readonly thresholdsBySpecialization: ReadonlyMap<Specialization, LevelThresholds>;

  private constructor(private readonly rows: readonly LevelRow[]) {
    const bySpecialization = new Map<Specialization, LevelThresholds>();
    for (const row of [...rows].sort((a, b) => a.minXp - b.minXp)) {
      const t = bySpecialization.get(row.specialization) ?? { minXps: [], levels: [] };
      t.minXps.push(row.minXp);
      t.levels.push(Math.max(row.level, t.levels.at(-1) ?? row.level));
      bySpecialization.set(row.specialization, t);
    }
    this.thresholdsBySpecialization = bySpecialization;
  }

  /** Reads the table on a fork of its own (boot runs outside any unit of work). */
  static async load(orm: Orm): Promise<LevelTable> {
    const levels = await orm.em.fork().find(SpecializationLevel, {}, { orderBy: { specialization: 'asc', level: 'asc' } });
    return new LevelTable(levels.map(({ specialization, level, minXp, title }) => ({ specialization, level, minXp, title })));
  }

  maxLevel(specialization: Specialization): number {
    return Math.max(...this.levelsOf(specialization).map((r) => r.level));
  }

  levelForXp(specialization: Specialization, xp: number): number {
    const { minXps, levels } = this.thresholds(specialization);
    let found = 0;
    for (let i = 0; i < minXps.length && minXps[i]! <= xp; i += 1) found = levels[i]!;
    return found;
  }

  levelsOf(specialization: Specialization): LevelRow[] {
    return this.rows.filter((r) => r.specialization === specialization);
  }

  thresholds(specialization: Specialization): LevelThresholds {
    return this.thresholdsBySpecialization.get(specialization) ?? { minXps: [], levels: [] };
  }

  specializations(): Specialization[] {
    return [...this.thresholdsBySpecialization.keys()].sort();
  }
}
