import type { Orm } from '../database/database';
import { keysetQuery, keysetRows, type KeysetPage } from '../database/keyset-page';
import { query, type Sql } from '../database/sql';
import type { Specialization } from '../shared/specialization';
import type { ViolationType } from './integrity.types';

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

const COLUMNS = `id, student_id as "studentId", specialization, type, progress_level as "progressLevel",
  license_level as "licenseLevel", total_xp as "totalXp", first_seen_at as "firstSeenAt", last_seen_at as "lastSeenAt",
  resolved_at as "resolvedAt", first_run_id as "firstRunId", last_run_id as "lastRunId"`;

/**
 * Reads of the violations table, newest first, keyset on id (forwards or backwards). Each filter combination has an index
 * that yields rows in id order: (type, id) / (specialization, id) / (id) among open violations,
 * (student_id, id) for one student, the primary key with resolved ones included.
 */
export class ViolationRepository {
  constructor(private readonly orm: Orm) {}

  private get sql(): Sql {
    return this.orm.em.getKnex();
  }

  /** One page either way from a cursor (see keyset-page.ts), through the same indexes. */
  async page(filter: ViolationQuery, page: KeysetPage): Promise<ViolationPage> {
    const { where, bindings } = whereClause(filter);
    const statement = keysetQuery(page, `select ${COLUMNS} from violations`, where, bindings);
    const { rows, ...flags } = keysetRows(page, await query<ViolationRecord>(this.sql, statement.text, statement.bindings));
    return { violations: rows.map(toRecord), ...flags };
  }

  async count(filter: ViolationQuery): Promise<number> {
    const { where, bindings } = whereClause(filter);
    const [row] = await query<{ n: number }>(this.sql, `select count(*)::int as n from violations where ${where}`, bindings);
    return row!.n;
  }
}

/** The pg driver under MikroORM hands timestamps over as text. */
function toRecord(row: ViolationRecord): ViolationRecord {
  return {
    ...row,
    firstSeenAt: new Date(row.firstSeenAt),
    lastSeenAt: new Date(row.lastSeenAt),
    resolvedAt: row.resolvedAt === null ? null : new Date(row.resolvedAt),
  };
}

function whereClause(filter: ViolationQuery): { where: string; bindings: unknown[] } {
  const conditions: string[] = [];
  const bindings: unknown[] = [];
  if (!filter.includeResolved) conditions.push('resolved_at is null');
  if (filter.type) {
    conditions.push('type = ?');
    bindings.push(filter.type);
  }
  if (filter.specialization) {
    conditions.push('specialization = ?');
    bindings.push(filter.specialization);
  }
  if (filter.studentId !== undefined) {
    conditions.push('student_id = ?');
    bindings.push(filter.studentId);
  }
  if (filter.studentSearch) {
    // Matching students first (a scan of users), then their violations by the (student_id, id) index.
    const pattern = `%${filter.studentSearch.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(`student_id in (select id from users where full_name ilike ? escape '\\' or email ilike ? escape '\\')`);
    bindings.push(pattern, pattern);
  }
  return { where: conditions.length ? conditions.join(' and ') : 'true', bindings };
}
