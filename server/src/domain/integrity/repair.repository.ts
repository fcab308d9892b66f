import type { Orm } from '../database/database';
import { entityData } from '../database/entity-rows';
import { keysetPage, type KeysetPage } from '../database/keyset-page';
import { query, type Sql } from '../database/sql';
import { User } from '../users/user.entity';
import type { Role, Specialization } from '../shared/specialization';
import type { ViolationType } from './integrity.types';
import type { RepairPlan } from './repair-plan';
import { Repair } from './repair.entity';
import type { LockedLicense, LockedProgress, PairKey, RepairOrigin, RepairRecord } from './repair.types';

export interface LockedPair {
  progress: LockedProgress | null;
  license: LockedLicense | null;
}

export interface ResolvedViolation {
  id: number;
  studentId: number;
  specialization: Specialization;
  type: ViolationType;
}

export const pairKey = (pair: PairKey): string => `${pair.studentId}:${pair.specialization}`;

/** The pairs as two parallel arrays, for `unnest(?::int[], ?::text[])`. */
const pairArrays = (pairs: readonly PairKey[]): [number[], string[]] => [pairs.map((p) => p.studentId), pairs.map((p) => p.specialization)];

export interface RepairPage {
  repairs: RepairRecord[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

/**
 * The SQL of repairs, set-based over a batch of pairs: locks in the enforcer's order, the writes the
 * plans ask for, the violations resolved, and the audit.
 */
export class RepairRepository {
  constructor(private readonly orm: Orm) {}

  /** The unit of work's EntityManager; `em.transactional` on it runs a batch in one transaction. */
  get em(): Sql {
    return this.orm.em;
  }

  /** Pairs with an open violation after `after`, in key order (partial unique index violations_open_key). */
  async openPairs(after: PairKey | null, limit: number): Promise<PairKey[]> {
    const rows = await query<{ student_id: number; specialization: Specialization }>(
      this.em,
      `select distinct student_id, specialization from violations
       where resolved_at is null and (student_id, specialization) > (?, ?)
       order by student_id, specialization limit ?`,
      [after?.studentId ?? 0, after?.specialization ?? '', limit],
    );
    return rows.map((r) => ({ studentId: r.student_id, specialization: r.specialization }));
  }

  /**
   * Locks the pairs' progress rows, then their license rows, each set in key order: for every pair
   * the coupling enforcer's order (progress first), and no two batches can wait on each other.
   */
  async lockPairs(trx: Sql, pairs: readonly PairKey[]): Promise<Map<string, LockedPair>> {
    const keys = pairArrays(pairs);
    const progress = await query<LockedProgress & { studentId: number; specialization: Specialization }>(
      trx,
      `select student_id as "studentId", specialization, id, total_xp as "totalXp", current_level as "currentLevel"
       from specialization_progress
       where (student_id, specialization) in (select * from unnest(?::int[], ?::text[]))
       order by student_id, specialization for update`,
      keys,
    );
    const licenses = await query<LockedLicense & { studentId: number; specialization: Specialization }>(
      trx,
      `select user_id as "studentId", specialization, id, current_level as "currentLevel", max_achieved_level as "maxAchievedLevel"
       from licenses
       where (user_id, specialization) in (select * from unnest(?::int[], ?::text[]))
       order by user_id, specialization for update`,
      keys,
    );
    const locked = new Map<string, LockedPair>(pairs.map((p) => [pairKey(p), { progress: null, license: null }]));
    for (const { studentId, specialization, ...row } of progress) locked.get(pairKey({ studentId, specialization }))!.progress = row;
    for (const { studentId, specialization, ...row } of licenses) locked.get(pairKey({ studentId, specialization }))!.license = row;
    return locked;
  }

  /** Writes what the plans ask for, one statement per kind of write; false when a row appeared meanwhile. */
  async applyPlans(trx: Sql, items: ReadonlyArray<{ pair: PairKey; plan: RepairPlan }>): Promise<boolean> {
    const newProgress = items.filter((i) => i.plan.progress?.create);
    const progressLevels = items.filter((i) => i.plan.progress && !i.plan.progress.create);
    const newLicenses = items.filter((i) => i.plan.license?.create);
    const licenseLevels = items.filter((i) => i.plan.license && !i.plan.license.create);
    const column = <T>(list: typeof items, pick: (i: (typeof items)[number]) => T) => list.map(pick);
    if (newProgress.length) {
      const inserted = await query(
        trx,
        `insert into specialization_progress (student_id, specialization, total_xp, current_level)
         select * from unnest(?::int[], ?::text[], ?::int[], ?::int[])
         on conflict (student_id, specialization) do nothing returning id`,
        [...pairArrays(newProgress.map((i) => i.pair)), column(newProgress, (i) => i.plan.progress!.totalXp), column(newProgress, (i) => i.plan.progress!.currentLevel)],
      );
      if (inserted.length < newProgress.length) return false;
    }
    if (progressLevels.length) {
      await query(
        trx,
        `update specialization_progress sp set current_level = v.level, updated_at = now()
         from unnest(?::int[], ?::text[], ?::int[]) as v(student_id, specialization, level)
         where sp.student_id = v.student_id and sp.specialization = v.specialization`,
        [...pairArrays(progressLevels.map((i) => i.pair)), column(progressLevels, (i) => i.plan.progress!.currentLevel)],
      );
    }
    if (newLicenses.length) {
      const inserted = await query(
        trx,
        `insert into licenses (user_id, specialization, current_level, max_achieved_level)
         select * from unnest(?::int[], ?::text[], ?::int[], ?::int[])
         on conflict (user_id, specialization) do nothing returning id`,
        [...pairArrays(newLicenses.map((i) => i.pair)), column(newLicenses, (i) => i.plan.license!.currentLevel), column(newLicenses, (i) => i.plan.license!.maxAchievedLevel)],
      );
      if (inserted.length < newLicenses.length) return false;
    }
    if (licenseLevels.length) {
      await query(
        trx,
        `update licenses li set current_level = v.level, max_achieved_level = v.max_level, updated_at = now()
         from unnest(?::int[], ?::text[], ?::int[], ?::int[]) as v(user_id, specialization, level, max_level)
         where li.user_id = v.user_id and li.specialization = v.specialization`,
        [...pairArrays(licenseLevels.map((i) => i.pair)), column(licenseLevels, (i) => i.plan.license!.currentLevel), column(licenseLevels, (i) => i.plan.license!.maxAchievedLevel)],
      );
    }
    return true;
  }

  /** Resolves every open violation of the pairs; returns them so the audit can link one per repair. */
  async resolveOpen(trx: Sql, pairs: readonly PairKey[]): Promise<ResolvedViolation[]> {
    return query<ResolvedViolation>(
      trx,
      `update violations set resolved_at = now()
       where resolved_at is null and (student_id, specialization) in (select * from unnest(?::int[], ?::text[]))
       returning id, student_id as "studentId", specialization, type`,
      pairArrays(pairs),
    );
  }

  async insertRepairs(
    trx: Sql,
    entries: ReadonlyArray<{ pair: PairKey; plan: RepairPlan; violationId: number | null }>,
    origin: RepairOrigin,
  ): Promise<RepairRecord[]> {
    if (entries.length === 0) return [];
    const rows = await query<object>(
      trx,
      `insert into repairs (violation_id, student_id, specialization, trigger, actor_id, job_id, action, before, after)
       select v.violation_id, v.student_id, v.specialization, ?::text, ?::int, ?::text, v.action, v.before, v.after
       from unnest(?::int[], ?::int[], ?::text[], ?::text[], ?::jsonb[], ?::jsonb[])
         as v(violation_id, student_id, specialization, action, before, after)
       returning *`,
      [
        origin.trigger,
        origin.actorId,
        origin.jobId,
        entries.map((e) => e.violationId),
        ...pairArrays(entries.map((e) => e.pair)),
        entries.map((e) => e.plan.action),
        entries.map((e) => JSON.stringify(e.plan.before)),
        entries.map((e) => JSON.stringify(e.plan.after)),
      ],
    );
    return rows.map((row) => entityData(trx, Repair, row) as RepairRecord);
  }

  /** The user's role, or null when no user has this id (to explain a pair that has no rows). */
  async roleOf(userId: number): Promise<Role | null> {
    const user = await this.em.findOne(User, { id: userId }, { fields: ['role'] });
    return user?.role ?? null;
  }

  /** Newest first, keyset on the primary key (see keyset-page.ts); by student through repairs_student_id_idx. */
  async page(page: KeysetPage, studentId: number | undefined): Promise<RepairPage> {
    const { rows, ...flags } = await keysetPage(page, (range, order, limit) =>
      // Read-only rows: mapped by the entity, not hydrated (see violation.repository.ts).
      this.em
        .createQueryBuilder(Repair)
        .where({ ...range, ...(studentId === undefined ? {} : { studentId }) })
        .orderBy({ id: order })
        .limit(limit)
        .execute('all'),
    );
    return { repairs: rows as RepairRecord[], ...flags };
  }

  count(studentId: number | undefined): Promise<number> {
    return this.em.count(Repair, studentId === undefined ? {} : { studentId });
  }

  /** The pair as it is now, both rows from one snapshot and without locks: for previews, never for writes. */
  async readPair(pair: PairKey): Promise<LockedPair> {
    const [row] = await query<{ p_id: number | null; total_xp: number; p_level: number; l_id: number | null; l_level: number; max_level: number }>(
      this.em,
      `select p.id as p_id, p.total_xp, p.current_level as p_level, l.id as l_id, l.current_level as l_level, l.max_achieved_level as max_level
       from (select ?::int as student_id, ?::text as specialization) k
       left join specialization_progress p on p.student_id = k.student_id and p.specialization = k.specialization
       left join licenses l on l.user_id = k.student_id and l.specialization = k.specialization`,
      [pair.studentId, pair.specialization],
    );
    return {
      progress: row!.p_id === null ? null : { id: row!.p_id, totalXp: row!.total_xp, currentLevel: row!.p_level },
      license: row!.l_id === null ? null : { id: row!.l_id, currentLevel: row!.l_level, maxAchievedLevel: row!.max_level },
    };
  }
}
