import type { Orm } from '../database/database';
import { query } from '../database/sql';
import type { Specialization } from '../shared/specialization';

export interface LevelRow {
  specialization: Specialization;
  level: number;
  minXp: number;
  title: string;
}

/**
 * The XP thresholds live in one table (`specialization_levels`): SQL reads it directly, and this
 * in-memory copy, loaded once at start, serves what the API shows (max level, titles).
 */
export class LevelTable {
  private constructor(private readonly rows: readonly LevelRow[]) {}

  static async load(orm: Orm): Promise<LevelTable> {
    const rows = await query<{ specialization: Specialization; level: number; min_xp: number; title: string }>(
      orm.em.getKnex(),
      'select specialization, level, min_xp, title from specialization_levels order by specialization, level',
    );
    return new LevelTable(rows.map((r) => ({ specialization: r.specialization, level: r.level, minXp: r.min_xp, title: r.title })));
  }

  maxLevel(specialization: Specialization): number {
    return Math.max(...this.levelsOf(specialization).map((r) => r.level));
  }

  levelForXp(specialization: Specialization, xp: number): number {
    return Math.max(...this.levelsOf(specialization).filter((r) => r.minXp <= xp).map((r) => r.level));
  }

  levelsOf(specialization: Specialization): LevelRow[] {
    return this.rows.filter((r) => r.specialization === specialization);
  }
}
