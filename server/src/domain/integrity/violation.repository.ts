import type { Orm } from '../database/database';
import { keysetPage, type KeysetPage } from '../database/keyset-page';
import type { Specialization } from '../shared/specialization';
import type { ViolationType } from './integrity.types';
import { Violation } from './violation.entity';

export interface ViolationRecord {
  id: number;
  studentId: number;
  specialization: Specialization;
  type: ViolationType;
  progressLevel: number | null;
  licenseLevel: number | null;
  totalXp: number | null;
  firstSeenAt: Date;
  lastSeenAt: Date;
  resolvedAt: Date | null;
  firstRunId: number | null;
  lastRunId: number | null;
}

export interface ViolationQuery {
  type?: ViolationType;
  specialization?: Specialization;
  studentId?: number;
  /** Part of the student's name or email, case-insensitive. */
  studentSearch?: string;
  includeResolved?: boolean;
}

export interface ViolationPage {
  violations: ViolationRecord[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

/**
 * Reads of the violations table, newest first, keyset on id (forwards or backwards). Each filter combination has an index
 * that yields rows in id order: (type, id) / (specialization, id) / (id) among open violations,
 * (student_id, id) for one student, the primary key with resolved ones included.
 */
export class ViolationRepository {
  constructor(private readonly orm: Orm) {}

  /** One page either way from a cursor (see keyset-page.ts), through the same indexes. */
  async page(filter: ViolationQuery, page: KeysetPage): Promise<ViolationPage> {
    const { rows, ...flags } = await keysetPage(page, (range, order, limit) =>
      // Read-only rows: mapped by the entity (columns to properties, timestamps to Dates), not hydrated.
      this.filtered(filter).andWhere(range).orderBy({ id: order }).limit(limit).execute('all'),
    );
    return { violations: rows as ViolationRecord[], ...flags };
  }

  count(filter: ViolationQuery): Promise<number> {
    return this.filtered(filter).getCount();
  }

  private filtered(filter: ViolationQuery) {
    const qb = this.orm.em.createQueryBuilder(Violation).where({
      ...(filter.includeResolved ? {} : { resolvedAt: null }),
      ...(filter.type ? { type: filter.type } : {}),
      ...(filter.specialization ? { specialization: filter.specialization } : {}),
      ...(filter.studentId !== undefined ? { studentId: filter.studentId } : {}),
    });
    if (filter.studentSearch) {
      // Matching students first (a scan of users), then their violations by the (student_id, id) index.
      const pattern = `%${filter.studentSearch.replace(/[!%_]/g, (c) => `!${c}`)}%`;
      qb.andWhere(`student_id in (select id from users where full_name ilike ? escape '!' or email ilike ? escape '!')`, [pattern, pattern]);
    }
    return qb;
  }
}
