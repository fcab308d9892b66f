import { query, type Sql } from '../database/sql';
import { IdempotencyRecord } from './idempotency-record.entity';

export type Claim<T> = { kind: 'claimed' } | { kind: 'replay'; requestHash: string; response: T | null };

/** Rows deleted per statement when purging: each delete holds its row locks for milliseconds. */
const PURGE_BATCH = 5_000;

/**
 * Idempotency keys are scoped to the caller. Claiming inserts the key inside the caller's
 * transaction: a concurrent request with the same key blocks on the unique index until the first
 * commits (then replays its stored response) or rolls back (then claims the key itself).
 */
export class IdempotencyRepository {
  async claim<T>(trx: Sql, actorId: number, key: string, operation: string, requestHash: string): Promise<Claim<T>> {
    // Twice at most: a record purged between the conflict and the read leaves the key free again.
    for (let attempt = 0; ; attempt += 1) {
      const inserted = await query(
        trx,
        `insert into idempotency_records (actor_id, key, operation, request_hash) values (?, ?, ?, ?)
         on conflict (actor_id, key) do nothing returning 1`,
        [actorId, key, operation, requestHash],
      );
      if (inserted.length > 0) return { kind: 'claimed' };
      const record = await trx.findOne(IdempotencyRecord, { actorId, key });
      if (record) return { kind: 'replay', requestHash: record.requestHash, response: (record.response ?? null) as T | null };
      if (attempt >= 1) throw new Error(`Idempotency key ${key} could be neither claimed nor read`);
    }
  }

  async complete(trx: Sql, actorId: number, key: string, response: unknown): Promise<void> {
    await trx.nativeUpdate(IdempotencyRecord, { actorId, key }, { response });
  }

  /**
   * Deletes the records claimed more than `hours` ago (by the database clock, on the created_at
   * index), a batch per statement so no delete holds many row locks for long. Returns how many.
   */
  async purgeOlderThan(sql: Sql, hours: number): Promise<number> {
    let purged = 0;
    for (;;) {
      const rows = await query(
        sql,
        `delete from idempotency_records where ctid = any(array(
           select ctid from idempotency_records where created_at < now() - make_interval(hours => ?) limit ?
         )) returning 1`,
        [hours, PURGE_BATCH],
      );
      purged += rows.length;
      if (rows.length < PURGE_BATCH) return purged;
    }
  }
}
