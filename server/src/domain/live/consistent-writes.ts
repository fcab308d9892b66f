import { query, type Sql } from '../database/sql';

/**
 * Writers that keep a pair consistent by construction (the coupling enforcer, repairs) mark their
 * own transaction, and the change-capture triggers (migration 20261202-live-detection) skip its
 * statements in their WHEN, without calling a function. The mark is transaction-local
 * (`set_config(..., true)`): it ends with the transaction that made the writes, so a later
 * out-of-band write to the same pair is captured as any other.
 *
 * Such a writer records itself the pairs that still need a check: one with a change waiting (a check
 * may be reading it in a snapshot from before this write, and would store what it saw then) and,
 * for the enforcer, one with an open violation (its write fixed the pair; the check resolves the
 * violation). Both probes run in the writer's snapshot: a check that committed before it shows as
 * the open violation, one that had not yet committed still shows its claimed change.
 */
const MARK = `set_config('levelsync.consistent_writer', 'on', true)`;

const WAITING_CHANGE = (k: string) => `exists (select 1 from pair_changes c where c.student_id = ${k}.student_id and c.specialization = ${k}.specialization)`;
const OPEN_VIOLATION = (k: string) =>
  `exists (select 1 from violations v where v.student_id = ${k}.student_id and v.specialization = ${k}.specialization and v.resolved_at is null)`;

/**
 * For a writer that is one statement (the enforcer): a CTE the statement's first read joins, so it
 * is evaluated before any of the statement's writes reach the triggers.
 */
export const CONSISTENT_WRITER_CTE = `consistent_writer as materialized (select ${MARK} as mark)`;

/** A data-modifying CTE for the enforcer: records its pair (from the CTE `source`) if it has an open violation or a waiting change. */
export function recheckIfWatchedCte(source: string): string {
  return `live_recheck as (
  insert into pair_changes (student_id, specialization)
  select k.student_id, k.specialization from ${source} k where ${OPEN_VIOLATION('k')} or ${WAITING_CHANGE('k')}
  returning pg_notify('levelsync_pair_changes', '')
)`;
}

/**
 * For a writer that is a transaction of several statements (a repair batch), as its first statement:
 * the mark, and the pairs of the batch with a change waiting (the batch resolves their violations itself).
 */
export async function markConsistentWriter(trx: Sql, pairs: ReadonlyArray<{ studentId: number; specialization: string }>): Promise<void> {
  await query(
    trx,
    `with recheck as (
       insert into pair_changes (student_id, specialization)
       select k.student_id, k.specialization from unnest(?::int[], ?::text[]) as k(student_id, specialization) where ${WAITING_CHANGE('k')}
       returning pg_notify('levelsync_pair_changes', '')
     )
     select ${MARK} as mark, (select count(*) from recheck) as rechecked`,
    [pairs.map((p) => p.studentId), pairs.map((p) => p.specialization)],
  );
}
