import type { Orm } from '../database/database';
import { entityData } from '../database/entity-rows';
import { keysetPage, type IdRange, type KeysetPage } from '../database/keyset-page';
import { query, type Sql } from '../database/sql';
import type { Specialization } from '../shared/specialization';
import { User } from '../users/user.entity';
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
  /** The student, read with the page (a listing shows each row's student). */
  student?: User;
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

  /**
   * One page either way from a cursor (see keyset-page.ts), through the same indexes, each row with
   * its student. The dashboard reads this page on every load: one fixed statement, its rows mapped by
   * the entities (columns to properties, timestamps to Dates), not built by the query builder or
   * hydrated; and the students come in the same statement, so a row's `student` resolves at once
   * instead of by a second query and a promise per row.
   */
  async page(filter: ViolationQuery, page: KeysetPage): Promise<ViolationPage> {
    const em = this.orm.em;
    const { where, bindings } = whereClause(filter);
    const { rows, ...flags } = await keysetPage(page, async (range, order, limit) => {
      const bounded = rangeClause(range);
      const direction = order === 'asc' ? 'asc' : 'desc';
      // The page is cut before the join: whatever plan the statistics of the moment pick (a fresh
      // table's say "3 open rows" when there are 300), only the page's rows meet users and become JSON.
      const found = await query<ViolationRow>(
        em,
        `select v.*, to_jsonb(u) - 'password_hash' as student
         from (select * from violations v where ${where}${bounded.sql} order by v.id ${direction} limit ?) v
         join users u on u.id = v.student_id order by v.id ${direction}`,
        [...bindings, ...bounded.bindings, limit],
      );
      return found.map((row) => toRecord(em, row));
    });
    return { violations: rows, ...flags };
  }

  async count(filter: ViolationQuery): Promise<number> {
    const { where, bindings } = whereClause(filter);
    const [row] = await query<{ n: number }>(this.orm.em, `select count(*)::int as n from violations v where ${where}`, bindings);
    return row!.n;
  }
}

interface ViolationRow {
  student: object;
}

function toRecord(em: Sql, { student, ...row }: ViolationRow): ViolationRecord {
  return { ...(entityData(em, Violation, row) as ViolationRecord), student: entityData(em, User, student) as User };
}

/** The filter as the conditions of a statement over `violations v`: each combination still has its index (see the class). */
function whereClause(filter: ViolationQuery): { where: string; bindings: unknown[] } {
  const conditions: string[] = [];
  const bindings: unknown[] = [];
  if (!filter.includeResolved) conditions.push('v.resolved_at is null');
  if (filter.type) {
    conditions.push('v.type = ?');
    bindings.push(filter.type);
  }
  if (filter.specialization) {
    conditions.push('v.specialization = ?');
    bindings.push(filter.specialization);
  }
  if (filter.studentId !== undefined) {
    conditions.push('v.student_id = ?');
    bindings.push(filter.studentId);
  }
  if (filter.studentSearch) {
    // Matching students first (a scan of users), then their violations by the (student_id, id) index.
    const pattern = `%${filter.studentSearch.replace(/[!%_]/g, (c) => `!${c}`)}%`;
    conditions.push(`v.student_id in (select id from users where full_name ilike ? escape '!' or email ilike ? escape '!')`);
    bindings.push(pattern, pattern);
  }
  return { where: conditions.length ? conditions.join(' and ') : 'true', bindings };
}

function rangeClause(range: IdRange): { sql: string; bindings: unknown[] } {
  const bound = range.id as Partial<Record<'$lt' | '$gt' | '$gte' | '$lte', number>> | undefined;
  if (!bound) return { sql: '', bindings: [] };
  const [op, id] = Object.entries(bound)[0]!;
  const sqlOp = { $lt: '<', $gt: '>', $gte: '>=', $lte: '<=' }[op as '$lt'];
  return { sql: ` and v.id ${sqlOp} ?`, bindings: [id] };
}
