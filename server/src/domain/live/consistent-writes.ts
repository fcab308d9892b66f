import { query, type Sql } from '../database/sql';

/**
 * Writers that keep a pair consistent by construction (the coupling enforcer, repairs) mark their
 * own transaction, and the change-capture trigger (migration 20261202-live-detection) then records
 * only those of their pairs that have an open violation to resolve or a change still waiting. The
 * mark is transaction-local (`set_config(..., true)`): it ends with the transaction that made the
 * writes, so a later out-of-band write to the same pair is captured as any other.
 */
const MARK = `set_config('levelsync.consistent_writer', 'on', true)`;

/**
 * A CTE for a writer that is one statement (the enforcer): materialised, and joined by the
 * statement's first read, so it is evaluated before any of the statement's writes (the triggers
 * fire after the statement).
 */
export const CONSISTENT_WRITER_CTE = `consistent_writer as materialized (select ${MARK} as mark)`;

/** For a writer that is a transaction of several statements (a repair batch): its first statement. */
export async function markConsistentWriter(trx: Sql): Promise<void> {
  await query(trx, `select ${MARK}`);
}
